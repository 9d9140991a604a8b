"""Settings for Наставник. Everything that differs between machines comes from the environment (see README)."""

from pathlib import Path

import dj_database_url
import xstatic.pkg.bootstrap
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from nastavnik.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("NASTAVNIK_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)
(VAR_DIR / "static").mkdir(exist_ok=True)  # the SQLite file, uploads and collected static live here

DEBUG = env_bool("DEBUG", False)
_DEV_SECRET = "dev-only-insecure-key-never-use-in-production-0123456789abcdef"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET if DEBUG else None)
if not DEBUG and SECRET_KEY == _DEV_SECRET:
    raise ImproperlyConfigured("SECRET_KEY must be set to a real secret when DEBUG is off")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks_db",
    "axes",
    "django_otp",  # accounts: two-factor sign-in (TOTP and recovery codes)
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # The target model, in the order data flows through it.
    "nastavnik.orgs",
    "nastavnik.people",
    "nastavnik.privacy",
    "nastavnik.programs",
    "nastavnik.surveys",
    "nastavnik.documents",
    "nastavnik.intake",
    "nastavnik.matching",
    "nastavnik.mentorships",
    "nastavnik.monitoring",
    "nastavnik.recognition",  # recognition: completion, contests, honour board, public page
    "nastavnik.dashboard",
    "nastavnik.municipal",  # municipal contour (issue 13)
    "nastavnik.api",  # REST API (issue 13)
    "ninja",  # serves the API documentation's scripts from the package, not a CDN
    "nastavnik.ops",
    "nastavnik.accounts",
    "nastavnik.security",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "nastavnik.session_refresh.SessionRefreshMiddleware",  # perf: sliding session expiry without a write per page
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # accounts
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "nastavnik.accounts.middleware.PasswordChangeRequiredMiddleware",  # accounts
    "nastavnik.accounts.middleware.OTPRequiredMiddleware",  # accounts
    "nastavnik.security.middleware.RefusalLogMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "nastavnik.urls"
WSGI_APPLICATION = "nastavnik.wsgi.application"

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
                "nastavnik.dashboard.context.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'nastavnik.sqlite3'}"),
        # A connection kept per server process for a minute spares every page the connect (and SQLite's PRAGMAs);
        # the health check reopens one the database dropped meanwhile.
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several server processes on one school PC: take the write lock at BEGIN and let readers go on (WAL).
    # perf: in WAL mode `synchronous=NORMAL` syncs at checkpoints, not at every commit (each page view commits its
    # access log); the database stays consistent after a crash, a power cut may lose the last commits.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # perf: PostgreSQL's JIT compiles a query whose estimated cost is high — the OR-ed scopes of a pairs list on a
    # region's tables — and spent 2 s compiling a query that ran in 40 ms. Short OLTP queries never gain from it.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Short sessions: shared school computers are common.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 2 * 60 * 60, minimum=300)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Sliding expiry: the session row is rewritten at most once a minute (nastavnik/session_refresh.py), not on every
# request as SESSION_SAVE_EVERY_REQUEST would (a write per page view).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = 60

# Login throttling (django-axes): lock a username+address pair after repeated failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# --- fixes: proxy-aware client address and the per-account slowdown -------------------------------------------
# Behind a reverse proxy REMOTE_ADDR is the proxy: TRUSTED_PROXY_COUNT proxies in front (nginx alone: 1) make the
# client the N-th X-Forwarded-For entry from the right (nastavnik/security/client.py). 0: no proxy, REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "nastavnik.security.client.client_ip"
# Failures for one username from all addresses only slow it down (growing delay), never lock it out.
LOGIN_SLOWDOWN_AFTER = env_int("LOGIN_SLOWDOWN_AFTER", 5, minimum=1)
LOGIN_SLOWDOWN_MAX_SECONDS = env_int("LOGIN_SLOWDOWN_MAX_SECONDS", 60, minimum=1)
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Русский")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Moscow")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Bootstrap comes from a Python package (xstatic-bootstrap), never a CDN: schools are often offline.
STATICFILES_DIRS = [BASE_DIR / "static", ("bootstrap", xstatic.pkg.bootstrap.BASE_DIR)]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"
# Files no web server may serve (honour-board photos): only views that check consent read them (recognition).
PRIVATE_MEDIA_ROOT = VAR_DIR / "private"

# Django 6.1 mailers: the console in development, SMTP in production (EMAIL_* variables).
_SMTP = "django.core.mail.backends.smtp.EmailBackend"
_MAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend" if DEBUG else _SMTP)
MAILERS = {
    "default": {
        "BACKEND": _MAIL_BACKEND,
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25, minimum=1),
            "username": env_str("EMAIL_HOST_USER", ""),
            "password": env_str("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
        }
        if _MAIL_BACKEND == _SMTP
        else {},
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "nastavnik@localhost")

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A region runs the queue on its broker instead: TASKS_BACKEND=nastavnik.ops.celery_backend.CeleryBackend and
# TASKS_BROKER_URL=amqp://… (RabbitMQ) or redis://…; `nastavnik worker` then starts a Celery worker.
CELERY_BROKER_URL = env_str("TASKS_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
TASKS_QUEUE_PREFIX = env_str("TASKS_QUEUE_PREFIX", "nastavnik-")
CELERY_TASK_DEFAULT_QUEUE = f"{TASKS_QUEUE_PREFIX}default"
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1

# --- accounts ---
# Invitation links (Django's password-reset tokens) stay valid for seven days.
PASSWORD_RESET_TIMEOUT = 7 * 24 * 60 * 60
# Roles that must sign in with a second factor (an authenticator app's code, or a recovery code). On by default in
# production for those who see the whole organisation; off with DEBUG (the demo). Empty value: nobody.
OTP_REQUIRED_ROLES = env_list("OTP_REQUIRED_ROLES", "" if DEBUG else "director,coordinator,curator")
OTP_TOTP_ISSUER = "Наставник"

# Personal data: how long withdrawn or expired data waits before `nastavnik purge` destroys it.
PURGE_AFTER_DAYS = env_int("PURGE_AFTER_DAYS", 30, minimum=0)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# --- fixes: Content-Security-Policy (django-csp 4) ---------------------------------------------------------------
# Everything from our own origin: Bootstrap, htmx and the pages' script are static files; no inline script, no
# style="" or on*= attribute (tests/security/test_csp.py walks the templates and pages for them).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# --- municipal contour and API (issue 13) ---
# Counts of people below this are published as «<10»; never below 5 (fails loudly at start).
SUPPRESSION_THRESHOLD = env_int("SUPPRESSION_THRESHOLD", 10, minimum=5)
# Seconds the municipal overview (roadmaps and coverage of every organisation) is kept; 0 computes it every time.
MUNICIPAL_CACHE_SECONDS = env_int("MUNICIPAL_CACHE_SECONDS", 300, minimum=0)
# perf (issue 14): main pages are kept rendered per session while no committed write changed the data
# (nastavnik/pagecache.py, nastavnik/freshness.py); this bounds an entry's life. 0 turns keeping off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 120, minimum=0)
# Each process keeps its own: the data version that says whether an entry is good lives in the database, so
# several processes need no shared cache for correctness.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_ENTRIES", 500, minimum=10)},
    },
}
# Requests per minute one API token may make.
API_RATE_LIMIT_PER_MINUTE = env_int("API_RATE_LIMIT_PER_MINUTE", 120, minimum=1)
