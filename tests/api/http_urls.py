from django.urls import path

from api.views import TimelineGraphQLView
from tests.api.http_support import schema

urlpatterns = [path("graphql/", TimelineGraphQLView.as_view(schema=schema))]
