"""Country Pages settings, read from the environment (see README, "Configuration").

With no environment at all the site runs in development: DEBUG on, SQLite file,
local-memory cache. With DEBUG off it refuses to start without SECRET_KEY and
ALLOWED_HOSTS.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

# --- Environment: every variable the site reads, in one place --------------
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional; real environment wins

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
DATABASE_URL = env.str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
CACHE_URL = env.str("CACHE_URL", default="locmemcache://")
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
ADMIN_URL = env.str("ADMIN_URL", default="admin/").strip("/") + "/"
# Production sits behind a proxy that terminates HTTPS and sets X-Forwarded-Proto.
TRUST_X_FORWARDED_PROTO = env.bool("TRUST_X_FORWARDED_PROTO", default=not DEBUG)
# How many proxies in front of the app servers append the client's address to
# X-Forwarded-For. 0: the app servers face the clients, and the header is ignored.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
CONN_MAX_AGE = env.int("CONN_MAX_AGE", default=0 if DEBUG else 60)
# PostgreSQL only: psycopg's connection pool instead of persistent connections (make bench
# measured both; see README, "Performance").
DATABASE_POOL = env.bool("DATABASE_POOL", default=False)
# PostgreSQL only: seconds the server gets to accept a connection, to answer a kept one's
# check before it is reused, or (with the pool) to lend one; past it readers get the 503
# page. libpq counts whole seconds, at least 2.
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", default=2)
# PostgreSQL only: seconds a statement may run before the server cancels it; 0 for none.
DATABASE_STATEMENT_TIMEOUT = env.int("DATABASE_STATEMENT_TIMEOUT", default=10)
API_ANON_RATE = env.str("API_ANON_RATE", default="120/minute")
# Whole anonymous pages kept in the cache until the next content change (config.page_cache).
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
# With a shared cache (Redis), how often each worker compares the content version the cache
# holds with the database's, which no cache failure can lose: an edit the cache missed (made
# while it was down, or lost with a restart) shows at most this long after it answers again.
# A per-process cache (locmem) reads the database's version on every request instead.
CONTENT_VERSION_CHECK_SECONDS = env.float("CONTENT_VERSION_CHECK_SECONDS", default=5)
# The data-gap report calls a country's figure out of date after this many years.
DATA_GAP_STALE_YEARS = env.int("DATA_GAP_STALE_YEARS", default=3)
# The largest statistics file the import takes, in the admin and on the command line. File
# uploads are not counted by DATA_UPLOAD_MAX_MEMORY_SIZE, which bounds the other fields.
STATISTICS_UPLOAD_MAX_MB = env.int("STATISTICS_UPLOAD_MAX_MB", default=5)
# Where `refresh_statistics --worldbank` asks for an indicator, and how many seconds each of
# its requests may take.
WORLD_BANK_API_URL = env.str("WORLD_BANK_API_URL", default="https://api.worldbank.org")
WORLD_BANK_API_TIMEOUT = env.float("WORLD_BANK_API_TIMEOUT", default=30)

# --- Secrets and hosts -------------------------------------------------------
if not DEBUG:
    missing = [
        name
        for name, value in [("SECRET_KEY", SECRET_KEY), ("ALLOWED_HOSTS", ALLOWED_HOSTS)]
        if not value
    ]
    if missing:
        raise ImproperlyConfigured(
            f"DEBUG is off, so {' and '.join(missing)} must be set in the environment."
        )
elif not SECRET_KEY:
    # Development only: production never falls back to a known key.
    SECRET_KEY = "insecure-development-key-never-used-when-debug-is-off"  # noqa: S105
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

# --- Applications --------------------------------------------------------------
# The apps that hold IOM's content, each after those it builds on: imports go from each to
# the ones before it, never back; backups and the demo load them in this order.
CONTENT_APPS = ["contacts", "profiles", "initiatives"]

INSTALLED_APPS = [
    # Before the admin, so its admin classes and translated fields are in place first.
    "modeltranslation",
    "config.admin_apps.AdminConfig",  # django.contrib.admin on config.admin_site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_countries",
    "django_filters",
    "simple_history",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # The site itself (config/apps.py): the content version and the page cache's signals.
    "config",
    *CONTENT_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "config.middleware.permissions_policy",
    # Outside LocaleMiddleware, so that its language redirects get the header too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.drop_nul_characters",
    # 304s for conditional GETs of any page, cached or not.
    "django.middleware.http.ConditionalGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, languages and the views: a cached page costs two cache reads.
    "config.page_cache.page_cache",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, which reads a POST's body: odd methods and unwanted files answered first.
    "config.accepts.RequestEdges",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Records who made each change, including the rows a deletion cascades to.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out sign-in into its page
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.canonical",
                "config.context_processors.languages",
            ],
        },
    },
]

# --- Data ----------------------------------------------------------------------
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Reuse connections, but test each before a request uses it: after the database
# restarts, the same processes serve again without a restart of their own.
DATABASES["default"]["CONN_MAX_AGE"] = CONN_MAX_AGE
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend with deadlines for a server that stops answering (config.postgresql).
    DATABASES["default"]["ENGINE"] = "config.postgresql"
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["connect_timeout"] = DATABASE_CONNECT_TIMEOUT
    if DATABASE_STATEMENT_TIMEOUT:
        # In the connection's startup options: set for pooled connections too, at no cost.
        options["options"] = " ".join(
            [options.get("options", ""), f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT}s"]
        ).strip()
    if DATABASE_POOL:
        # The pool checks connections itself; Django refuses persistent connections with it.
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        options["pool"] = {"min_size": 2, "max_size": 4, "timeout": DATABASE_CONNECT_TIMEOUT}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url_config(CACHE_URL)}
if CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache":
    # The cache only spares the database work: with Redis down, pages are served from
    # the database, and the failure is logged (once, see LOGGING) instead of raised.
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
            # One connection kept by each thread's cache client instead of a checkout from
            # the pool (and its check for unread data) on every command: a cached page
            # reads the cache once per request, and the checkout cost a fifth of that.
            "REDIS_CLIENT_KWARGS": {"single_connection_client": True},
            # That client connects as it is made, outside django-redis's error handling:
            # this one reports a Redis it cannot reach then as one that fails later.
            "CLIENT_CLASS": "config.cache_client.Client",
        }
    )
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "config.cache"

# --- Security: HTTPS, headers and cookies (Django's deployment checklist) --------------
if TRUST_X_FORWARDED_PROTO:
    # Safe only because the proxy overwrites any X-Forwarded-Proto a client sends.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60  # sent on HTTPS responses only
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Development serves plain HTTP, where browsers would drop Secure cookies.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
# Scripts and styles come only from our own static files: no inline code, no eval.
# The admin's own templates keep their data in JSON script blocks, which are not run.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],  # the admin's autocomplete asks its own server
    "manifest-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}
# Browser features the site never uses, turned off for it and anything it might embed.
PERMISSIONS_POLICY = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "usb",
    "xr-spatial-tracking",
]

# Bodies larger than this are refused with a 400 before a view reads them. A country
# with decades of figures posts a few thousand fields from its admin form. Uploaded files
# are not counted: the statistics import bounds its own (STATISTICS_UPLOAD_MAX_MB).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# --- Sign-in and passwords -----------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out pair
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one username from one address lock that pair for an hour.
# An administrator unlocks it sooner by deleting its row under Axes > Access attempts.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.signin.client_address"
AXES_LOCKOUT_CALLABLE = "config.signin.locked_out"
AXES_VERBOSE = False  # no banner on every command; lockouts are still logged

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Public JSON API (/api/v1/): read-only, anonymous, rate-limited per address ----------
REST_FRAMEWORK = {
    # The browsable API styles itself inline, which a strict CSP blocks: JSON only in production.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": API_ANON_RATE},
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # The rate limit counts the same client address as the sign-in lockout.
    "NUM_PROXIES": NUM_PROXIES,
    # Errors in JSON, the docs page's and the schema's too.
    "EXCEPTION_HANDLER": "config.api_errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "IOM Country Pages API",
    "DESCRIPTION": "Published countries, their facts and figures, migration initiatives, "
    "IOM offices and indicators. Read-only; anonymous requests are rate-limited.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the drf-spectacular-sidecar package: the docs page needs no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.api.document_errors",
    ],
}

# --- Language and time -----------------------------------------------------------
LANGUAGE_CODE = "en"
# IOM's three official languages; a reader without a preference gets English.
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español")]
# Content is written in English first; a text not yet translated is shown in English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)


def _label_in_language(label, language):
    """ "name (French)", in the editor's language, beside each translated field."""
    from django.utils.translation import get_language_info

    return f"{label} ({get_language_info(language)['name_translated']})"


MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = _label_in_language
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files: WhiteNoise serves them, hashed and compressed in production ----
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Logging: to stderr, so any process manager collects it ------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "once": {"()": "config.logging.OncePerInterval", "interval": 300},
        "database_unavailable": {"()": "config.logging.DatabaseUnavailable", "interval": 300},
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # The cache's ignored errors: one line per outage, not one per request.
        "config.cache": {"filters": ["once"]},
        # Requests failed by a database that is away: likewise, without the traceback.
        "django.request": {"filters": ["database_unavailable"]},
        # The pool's warnings (each failed reconnection while the database is away): once.
        "psycopg.pool": {"filters": ["once"]},
    },
}
