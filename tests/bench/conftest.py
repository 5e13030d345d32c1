"""Benchmarks may run on an existing, already loaded database instead of a fresh test one:

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_1m \
        .venv/bin/python -m pytest tests/bench/bench_api_servers.py -s -p no:cacheprovider

The harness then generates nothing and deletes nothing (it only adds and later drops its
own ``bench_graphile`` schema). Run only the API benchmark that way: the other benchmarks
fill the database they are given.
"""

from __future__ import annotations

import os

import dj_database_url
import pytest

if os.environ.get("BENCH_DATABASE_URL"):

    @pytest.fixture(scope="session")
    def django_db_setup():
        from django.conf import settings
        from django.db import connections

        configured = dj_database_url.parse(os.environ["BENCH_DATABASE_URL"])
        for key in ("NAME", "USER", "PASSWORD", "HOST", "PORT"):
            settings.DATABASES["default"][key] = configured[key]
            connections["default"].settings_dict[key] = configured[key]
        connections["default"].close()
