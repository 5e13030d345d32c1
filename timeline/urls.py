from django.contrib import admin
from django.urls import path
from strawberry.django.views import GraphQLView

from api.schema import schema

urlpatterns = [
    path("admin/", admin.site.urls),
    # Placeholder until api/views.py (content negotiation, limits) lands.
    path("graphql/", GraphQLView.as_view(schema=schema), name="graphql"),
]
