"""Settings from the environment, with embedded defaults for a newcomer.

No variables set: SQLite, Celery tasks run in-process, console e-mail, DEBUG on.
DJANGO_ENV=production: refuses to start without SECRET_KEY, ALLOWED_HOSTS and SITE_URL.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from buurtontdekkers.firm import firm_from_env
from cocreation.schedule import BEAT_SCHEDULE as COCREATION_SCHEDULE
from core import errors
from core.schedule import BEAT_SCHEDULE as CORE_SCHEDULE
from dashboard.schedule import BEAT_SCHEDULE as DASHBOARD_SCHEDULE
from trainings.schedule import BEAT_SCHEDULE as TRAININGS_SCHEDULE

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    # A typo such as DEBUG=flase must stop the start, not quietly mean False.
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(
        f"{name}={os.environ[name]!r} is not a true/false value; "
        "use one of 1, true, yes, on, 0, false, no, off."
    )


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


PRODUCTION = os.environ.get("DJANGO_ENV", "development") == "production"

if PRODUCTION:
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not SECRET_KEY or not ALLOWED_HOSTS:
        raise ImproperlyConfigured("In production SECRET_KEY and ALLOWED_HOSTS must be set.")
    DEBUG = env_bool("DEBUG", False)
else:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-buurtontdekkers")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or ["127.0.0.1", "localhost", "testserver"]
    DEBUG = env_bool("DEBUG", True)

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "core",
    "projects",
    "trainings",
    "cocreation",
    "impact",
    "dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.RefuseNullBytesMiddleware",
    "core.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes requires: it turns a lockout into the page below.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "buurtontdekkers.urls"
WSGI_APPLICATION = "buurtontdekkers.wsgi.application"

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
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "core.once.token_context",  # a fresh token for each create form
            ],
            "builtins": ["rules.templatetags.rules"],
            # Display only, no queries: short dates in one style ({% load dates %}).
            "libraries": {"dates": "core.date_filters"},
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The dashboard's cache (dashboard/cache.py): Redis, shared by every process, when CACHE_URL or
# REDIS_URL is set (production, compose, `make test`); local memory otherwise, so `make run`
# needs nothing.
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", "")
if CACHE_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, but an outage of Redis costs speed, not pages.
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "buurt",
            # A cache that does not answer within a second is treated as absent.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "projects.User"
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out login is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one e-mail address
# from one IP address, that pair waits AXES_COOLOFF_TIME; other people at the same address (a
# community centre, a town hall) can still log in.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The login form's field, case-folded: "Anna@X.nl" and "anna@x.nl" are one person's count.
AXES_USERNAME_FORM_FIELD = "username"  # the form field, not USERNAME_FIELD ("email")
AXES_USERNAME_CALLABLE = "core.throttle.login_name"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The second throttle, per account from any address (core/throttle.py): a password spray from
# many addresses is refused after this many failures for one e-mail address within the window.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
LOGIN_ACCOUNT_FAILURE_LIMIT = int(os.environ.get("LOGIN_ACCOUNT_FAILURE_LIMIT", "20"))

# Project health (dashboard/health.py): when a signal turns a project amber or red. Days unless
# the name says weeks; see the README's configuration table.
HEALTH_CONCERN_DAYS = int(os.environ.get("HEALTH_CONCERN_DAYS", "7"))
HEALTH_CONCERN_RED_DAYS = int(os.environ.get("HEALTH_CONCERN_RED_DAYS", "21"))
HEALTH_CHECK_IN_LATE_DAYS = int(os.environ.get("HEALTH_CHECK_IN_LATE_DAYS", "0"))
HEALTH_CHECK_IN_RED_DAYS = int(os.environ.get("HEALTH_CHECK_IN_RED_DAYS", "28"))
HEALTH_DASHBOARD_IDLE_WEEKS = int(os.environ.get("HEALTH_DASHBOARD_IDLE_WEEKS", "6"))
HEALTH_PULSE_LOW = float(os.environ.get("HEALTH_PULSE_LOW", "2.5"))
HEALTH_PULSE_DROP = float(os.environ.get("HEALTH_PULSE_DROP", "1"))
# Trainings (issue 17): how long a participant's data is kept after the trajectory ends, and
# how long a signed self-registration link works; see the README's configuration table.
TRAINING_PARTICIPANT_RETENTION_MONTHS = int(
    os.environ.get("TRAINING_PARTICIPANT_RETENTION_MONTHS", "12")
)
TRAINING_REGISTRATION_LINK_DAYS = int(os.environ.get("TRAINING_REGISTRATION_LINK_DAYS", "60"))
LOGIN_ACCOUNT_WINDOW = timedelta(hours=1)
# Failed logins are deleted after this long (core.tasks.forget_old_login_failures, nightly).
LOGIN_FAILURES_KEPT = timedelta(days=7)
# Password-reset mails per e-mail address per hour (and ten times that per client address).
PASSWORD_RESET_MAILS_PER_HOUR = 3
# The client IP: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies (1 in
# docker-compose.yml) the X-Forwarded-For entry the outermost of them appended.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "core.throttle.client_ip"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

WHITENOISE_USE_FINDERS = not PRODUCTION

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "De Buurtontdekkers <noreply@example.org>"
)

# Celery: no broker configured means tasks run in-process (eager).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
# No result backend unless one is asked for: nothing reads a task's result (rows carry their
# status), and a Redis result backend that is down held every click that enqueues for ~20 s.
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A worker child is replaced after a task that left it above this resident memory (KiB), or
# after this many tasks: a large PDF render (WeasyPrint, fonts) cannot grow one process for good.
# Prefork pool only (compose's worker); the running task always finishes first.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = int(
    os.environ.get("CELERY_WORKER_MAX_MEMORY_PER_CHILD", "512000")  # 500 MiB
)
CELERY_WORKER_MAX_TASKS_PER_CHILD = int(os.environ.get("CELERY_WORKER_MAX_TASKS_PER_CHILD", "100"))
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request that enqueues while Redis is down must fail fast, never hang: one immediate
# second try (kombu waits 2 s before it by default), then the row stays queued for the sweep.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 1,
    "socket_timeout": 5,
    "max_retries": 1,
    "interval_start": 0,
    "visibility_timeout": 3600,
}
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    **CORE_SCHEDULE,
    **COCREATION_SCHEDULE,
    **DASHBOARD_SCHEDULE,
    **TRAININGS_SCHEDULE,
}

# The firm as its order confirmations name it (buurtontdekkers/firm.py: FIRM_* variables;
# in production an unset value stays empty and confirmations are refused until it is set).
FIRM = firm_from_env(production=PRODUCTION)

# The public address e-mail links start with (core/emails.py), e.g. https://buurt.example.nl.
# Required in production: a worker that mails a link has no request to take the host from. In
# development it may stay unset: links then take the host of the request that caused the mail.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
if PRODUCTION and not SITE_URL:
    raise ImproperlyConfigured(
        "In production SITE_URL must be set (the public address, e.g. https://buurt.example.nl)."
    )
if SITE_URL and (
    urlsplit(SITE_URL).scheme not in {"http", "https"} or not urlsplit(SITE_URL).netloc
):
    raise ImproperlyConfigured(f"SITE_URL={SITE_URL!r} is not an http(s) address.")

# Content-Security-Policy (django-csp 4): no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Errors reach someone (core/errors.py, docs/errors.md): Sentry when SENTRY_DSN is set, else a
# mail to ADMINS ("Name <address>,address") at most once an hour per kind of error.
ADMINS = errors.admins_from_env(os.environ.get("ADMINS", ""))
SERVER_EMAIL = os.environ.get("SERVER_EMAIL") or DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = "[Buurtontdekkers] "
EMAIL_TIMEOUT = 10  # seconds: a mail server that hangs must not hold a request or a worker
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    errors.init_sentry(
        SENTRY_DSN,
        environment=os.environ.get(
            "SENTRY_ENVIRONMENT", "production" if PRODUCTION else "development"
        ),
        traces_sample_rate=errors.sample_rate(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "")),
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "core.errors.json_formatter"},  # one JSON object per line
    },
    "filters": {"once_an_hour_per_kind": {"()": "core.error_mail.OncePerHourPerKind"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "formatter": errors.log_format(os.environ.get("LOG_FORMAT", ""), production=PRODUCTION),
        },
        "mail_admins": {
            "class": "core.error_mail.AdminMailHandler",
            "level": "ERROR",
            "filters": ["once_an_hour_per_kind"],
        },
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # No handlers of Django's own: its mail_admins is neither throttled nor scrubbed.
        "django": {"handlers": [], "level": "INFO"},
        "django.request": {"handlers": ["mail_admins"]},
        "core.documents": {"handlers": ["mail_admins"]},
        "core.backups": {"handlers": ["mail_admins"]},
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
