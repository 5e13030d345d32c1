from django.contrib import admin
from django.urls import include, path

from api.views import TimelineGraphQLView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("graphql/", TimelineGraphQLView.as_view(), name="graphql"),
    path("exports/", include("api.exports.urls")),
]
