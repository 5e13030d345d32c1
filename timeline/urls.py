from django.contrib import admin
from django.urls import path

from api.core.ratelimit import rate_limited
from api.views import TimelineGraphQLView
from timeline.health import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("graphql/", rate_limited(TimelineGraphQLView.as_view()), name="graphql"),
    path("healthz", healthz, name="healthz"),
]
