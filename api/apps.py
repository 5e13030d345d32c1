from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API"

    def ready(self):
        from django.core.signals import request_started

        from api.core import (
            persisted,  # noqa: F401  (registers its system check)
            timeouts,
        )

        # A connection an API request left with its statement timeout is reset before
        # any other request uses it (api.core.timeouts).
        request_started.connect(timeouts.release, dispatch_uid="api-statement-timeout")
