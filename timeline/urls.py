from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from api.core.ratelimit import rate_limited
from api.views import TimelineGraphQLView
from timeline.health import healthz

urlpatterns = [
    # The public timeline page: static HTML and ES modules that read /graphql/ only.
    path("", TemplateView.as_view(template_name="timeline/page.html"), name="timeline-page"),
    path("admin/", admin.site.urls),
    path("graphql/", rate_limited(TimelineGraphQLView.as_view()), name="graphql"),
    path("exports/", include("api.exports.urls")),
    path("healthz", healthz, name="healthz"),
]
