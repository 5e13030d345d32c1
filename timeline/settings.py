"""Settings for timeline: one module, driven by environment variables.

DATABASE_URL   postgres://user:pass@host:port/name; unset = embedded PostgreSQL
SECRET_KEY     unset = a random key kept in .secret_key (git-ignored)
DEBUG          1/true/yes to enable; off by default
ALLOWED_HOSTS  comma-separated; default 127.0.0.1,localhost
CORS_ALLOWED_ORIGINS  comma-separated origins allowed to call the API from a browser
Production (README "Deploying"): SECURE_* / *_COOKIE_SECURE, REDIS_URL, API_RATE_LIMIT,
DATABASE_REPLICA_URL, GRAPHQL_GRAPHIQL, GRAPHQL_INTROSPECTION, GRAPHQL_COMPILED_READS,
LOG_FORMAT, REQUEST_LOG
"""

import os
import secrets
import warnings
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool = False) -> bool:
    """A yes/no setting. A value that is neither is refused: a typo in, say,
    SECURE_SSL_REDIRECT must not quietly leave the setting off."""
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS | FALSE_WORDS:
        return word in TRUE_WORDS
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a yes/no value; use 1, true, yes or on (or 0, false, no, off)."
    )


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    """One of ``choices`` (case-insensitive); anything else is refused by name."""
    value = os.environ.get(name, default).strip()
    for choice in choices:
        if value.lower() == choice.lower():
            return choice
    raise ImproperlyConfigured(f"{name}={value!r} is not one of: {', '.join(choices)}.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    """A whole-number setting, at least ``minimum``; anything else is refused by name."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        number = int(value.strip())
    except ValueError:
        number = None
    if number is None or number < minimum:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number of at least {minimum}.")
    return number


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = BASE_DIR / ".secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG")
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "corsheaders",
    "django_filters",
    "simple_history",
    "django_ratelimit",
    "strawberry_django",
    "timeline",
    "sources",
    "api",
]

MIDDLEWARE = [
    "timeline.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # ops: NUL in admin query strings -> "?e=1" / 400 instead of a database error.
    "timeline.admin_guard.AdminQueryGuardMiddleware",
    "timeline.db_router.ReplicaReadsMiddleware",
]

ROOT_URLCONF = "timeline.urls"
WSGI_APPLICATION = "timeline.wsgi.application"
ASGI_APPLICATION = "timeline.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

if os.environ.get("DATABASE_URL"):
    # Persistent connections are checked before reuse, so one the server dropped
    # (restart, failover, pg_terminate_backend) is replaced instead of failing a request.
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
        )
    }
else:
    from timeline.embedded_db import database_settings

    DATABASES = {"default": database_settings(BASE_DIR)}
DATABASES["default"].setdefault("OPTIONS", {})
# PostgreSQL's JIT compiler off (DATABASE_JIT=1 turns it back on): the API's statements are
# many small index probes whose summed cost estimate passes jit_above_cost, and compiling
# them took longer than running them (215 ms of a 640 ms 1,000-event page, measured).
DATABASE_JIT = env_bool("DATABASE_JIT", False)


def _session_options(options: str) -> str:
    return options if DATABASE_JIT else f"{options} -c jit=off".strip()


DATABASES["default"]["OPTIONS"]["options"] = _session_options(
    DATABASES["default"]["OPTIONS"].get("options", "")
)

# Prepared statements (README "Deploying"): with server-side binding, psycopg sends the
# parameters apart from the SQL and prepares a statement once it has run
# DATABASE_PREPARE_THRESHOLD times on a connection, so PostgreSQL plans it once. Not
# behind pgbouncer in transaction mode (before 1.21 it drops prepared statements).
DATABASE_SERVER_SIDE_BINDING = env_bool("DATABASE_SERVER_SIDE_BINDING", False)
DATABASE_PREPARE_THRESHOLD = env_int("DATABASE_PREPARE_THRESHOLD", 5)
if DATABASE_SERVER_SIDE_BINDING:
    DATABASES["default"]["OPTIONS"]["server_side_binding"] = True
    DATABASES["default"]["OPTIONS"]["prepare_threshold"] = DATABASE_PREPARE_THRESHOLD
# One test database per test process, so concurrent runs on one server never collide.
DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# GraphiQL's browser assets come from npm packages (package.json, `make node`) and are
# served as static files under npm/<package>/, so /graphql/ needs no CDN.
NODE_MODULES = BASE_DIR / "node_modules"
GRAPHIQL_NPM_PACKAGES = ["react", "react-dom", "js-cookie", "graphiql", "@graphiql/plugin-explorer"]
PAGE_NPM_PACKAGES = ["vis-timeline"]  # the public timeline page at /
# Exports (issue 10): TimelineJS, to show the TimelineJS export in a browser.
EXPORT_NPM_PACKAGES = ["@knight-lab/timelinejs"]
STATICFILES_DIRS = [
    (f"npm/{package}", NODE_MODULES / package)
    for package in GRAPHIQL_NPM_PACKAGES + PAGE_NPM_PACKAGES + EXPORT_NPM_PACKAGES
    if (NODE_MODULES / package).is_dir()
]

CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
# Local development (`make run` sets DEBUG): a frontend served from localhost on any port
# may call the API. Production (DEBUG off) allows only CORS_ALLOWED_ORIGINS.
LOCAL_DEV_ORIGIN_REGEX = r"^https?://(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$"
CORS_ALLOWED_ORIGIN_REGEXES = [LOCAL_DEV_ORIGIN_REGEX] if DEBUG else []

# GraphQL limits (defaults and the rest in api/core/limits/config.py).
GRAPHQL_STATEMENT_TIMEOUT_MS = env_int("GRAPHQL_STATEMENT_TIMEOUT_MS", 5000, minimum=1)
CORS_URLS_REGEX = r"^/graphql/?$"

# Edit history: keep who changed what; the admin shows it on every main record.
SIMPLE_HISTORY_REVERT_DISABLED = False

# Editorial workflow (timeline/services): nobody publishes a record or approves a revision
# they submitted themselves. On unless WORKFLOW_TWO_PERSON_RULE=0 (e.g. a one-person install).
WORKFLOW_TWO_PERSON_RULE = env_bool("WORKFLOW_TWO_PERSON_RULE", True)

# --- production (ops; README "Deploying") --------------------------------------------------
# Django's own setting names, read from the environment; `check --deploy` passes with them set.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE")
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE")
# Behind a TLS-terminating proxy: "HTTP_X_FORWARDED_PROTO,https" (only if the proxy sets it).
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = tuple(env_list("SECURE_PROXY_SSL_HEADER"))
# Plain-HTTP health checks from the orchestrator are not redirected to https.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Until collectstatic has run (development, tests) WhiteNoise has nothing to serve; fine.
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Pre-compressed (gzip/brotli) copies made by collectstatic, served by WhiteNoise.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# GraphiQL and introspection: on for development, switch both off for a closed API.
GRAPHQL_GRAPHIQL = env_bool("GRAPHQL_GRAPHIQL", True)
GRAPHQL_INTROSPECTION = env_bool("GRAPHQL_INTROSPECTION", True)

# The compiled read path (api/compiled): read queries it covers are answered by one SQL
# statement that builds the JSON; off, strawberry-django executes every operation.
GRAPHQL_COMPILED_READS = env_bool("GRAPHQL_COMPILED_READS", True)
# Its statements as server-side prepared statements (planned once per connection). Off
# behind a pooler that cannot keep them (PgBouncer in transaction mode before 1.21).
GRAPHQL_COMPILED_PREPARE = env_bool("GRAPHQL_COMPILED_PREPARE", True)

# Per-client rate limit of /graphql/ (django-ratelimit; "" turns it off). Counters live in
# Redis when REDIS_URL is set (shared by every worker), else in each process's memory.
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "600/m")
RATELIMIT_USE_CACHE = "ratelimit"
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        },
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CACHES["ratelimit"] = {**CACHES["default"], "KEY_PREFIX": "rl"}

# Persisted queries (api/core/persisted.py; README "API access"): documents by SHA-256 in
# the cache GRAPHQL_PERSISTED_CACHE: Redis with REDIS_URL, else each process's memory.
GRAPHQL_PERSISTED_QUERIES = env_bool("GRAPHQL_PERSISTED_QUERIES", True)
GRAPHQL_PERSISTED_ONLY = env_bool("GRAPHQL_PERSISTED_ONLY", False)
GRAPHQL_PERSISTED_MANIFEST = os.environ.get("GRAPHQL_PERSISTED_MANIFEST", "")
GRAPHQL_PERSISTED_CACHE = os.environ.get("GRAPHQL_PERSISTED_CACHE", "persisted_queries")
if os.environ.get("REDIS_URL"):
    # Shared by every worker: a hash one of them has stored is known to all. Bounded in time.
    CACHES["persisted_queries"] = {**CACHES["default"], "KEY_PREFIX": "pq", "TIMEOUT": 7 * 86400}
else:
    CACHES["persisted_queries"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "persisted-queries",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": env_int("GRAPHQL_PERSISTED_CACHE_SIZE", 1000, minimum=1)},
    }
if not os.environ.get("REDIS_URL"):
    # Per-process counters are fine for one dev server; timeline.checks warns in deploy mode.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Reads of API requests go to a replica when one is configured (timeline.db_router).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=60, conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    # Only API reads use it: the API's statement timeout as the session default.
    DATABASES["replica"].setdefault("OPTIONS", {})["options"] = _session_options(
        f"-c statement_timeout={GRAPHQL_STATEMENT_TIMEOUT_MS}"
    )
    if DATABASE_SERVER_SIDE_BINDING:
        DATABASES["replica"]["OPTIONS"]["server_side_binding"] = True
        DATABASES["replica"]["OPTIONS"]["prepare_threshold"] = DATABASE_PREPARE_THRESHOLD
DATABASE_ROUTERS = ["timeline.db_router.ReplicaRouter"]
REPLICA_READ_PATHS = [r"^/graphql/?$"]

# One JSON object per line (python-json-logger) unless LOG_FORMAT=text; a line per request
# on the "timeline.requests" logger unless REQUEST_LOG=0.
LOG_LEVEL = env_choice("LOG_LEVEL", "WARNING", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"))
LOG_FORMAT = env_choice("LOG_FORMAT", "text" if DEBUG else "json", ("json", "text"))
REQUEST_LOG = env_bool("REQUEST_LOG", not DEBUG)  # runserver logs requests itself
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "timeline.requests": {"level": "INFO" if REQUEST_LOG else "WARNING"},
    },
}
