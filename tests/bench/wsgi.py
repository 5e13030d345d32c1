"""Our API as the benchmark serves it: the production WSGI application (DEBUG off), with
the page-size cap raised from 100 to 1,000 so the 1,000-event page can be asked for in
one request. The hostile-query limits are not what is measured; nothing else changes.

    gunicorn tests.bench.wsgi:application
"""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")

from api.core import pagination  # before the schema is built

pagination.MAX_PAGE_SIZE = 1000

from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
settings.GRAPHQL_COST_MAX_PAGE = 1000
settings.GRAPHQL_MAX_COST = 10**9
