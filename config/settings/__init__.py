"""Settings, all from environment variables with embedded defaults (docs/operator.md lists them).

With nothing set, the project runs on SQLite, huey on SQLite and e-mail to the console, in
development mode. Setting SECRET_KEY switches DEBUG off unless DEBUG says otherwise, so a real
deployment is production-safe by default.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.site_url import site_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

TRUE_VALUES = {"1", "true", "yes", "on"}


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    return value.lower() in TRUE_VALUES if value else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = env(name)
    return [item.strip() for item in value.split(",") if item.strip()] if value else default


def env_int(name: str, default: int) -> int:
    value = env(name)
    try:
        return int(value) if value else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from exc


# --- Core -------------------------------------------------------------------------------------------

SECRET_KEY = env("SECRET_KEY")
DEBUG = env_bool("DEBUG", default=not SECRET_KEY)
# With DEBUG on, unknown addresses and crashes still show the site's own error pages (people try the demo);
# developers who want Django's technical pages turn this on.
TECHNICAL_ERROR_PAGES = env_bool("TECHNICAL_ERROR_PAGES", False)
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (50+ random characters).")
    SECRET_KEY = "development-only-key-never-use-in-production-0123456789abcdefghijkl"  # noqa: S105
# Rotation: put the old key here (comma-separated) for a while, so sessions and e-mailed links made with it
# keep working until they expire.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "anymail",
    "import_export",
    "huey.contrib.djhuey",
    "participants",
    "consult",
    "consult.meetings",
    "feedback",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "participants.middleware.SecondFactorMiddleware",
    "participants.middleware.UserTimeZoneMiddleware",
    "participants.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "config.error_pages.SiteErrorPagesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "csp.context_processors.nonce",
                "participants.context_processors.roles",
            ],
        },
    },
]

FORM_RENDERER = "config.forms.SiteFormRenderer"

# --- Database ---------------------------------------------------------------------------------------

DATABASE_URL = env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the worker share the file: wait for locks, and let readers run during writes.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_PREPARED_STATEMENTS", True
):
    # Parameters bound by the server let psycopg prepare a statement after its fifth use on a
    # connection (kept for CONN_MAX_AGE): the planner then stops re-planning the same few joins on
    # every request, which cost more than running them. Turn off behind PgBouncer in transaction mode.
    DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Background queue (huey) ------------------------------------------------------------------------

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "advisory",
        "immediate": False,
        "utc": True,
        "connection": {"url": REDIS_URL},
        "consumer": {"workers": 2, "worker_type": "thread", "periodic": True},
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "advisory",
        "filename": env("HUEY_SQLITE_PATH", str(BASE_DIR / "huey.sqlite3")),
        "immediate": False,  # huey defaults this to DEBUG, which would silently run tasks inline
        "utc": True,
        "consumer": {"workers": 2, "worker_type": "thread", "periodic": True},
    }

# --- Authentication ---------------------------------------------------------------------------------

AUTH_USER_MODEL = "participants.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "participants.backends.EmailBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Lockout after repeated failed logins (django-axes): per account and address pair.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
# Count failures under the stored form of the e-mail, so "Ingrid@Example.org" gains no fresh attempts.
AXES_USERNAME_CALLABLE = "participants.services.accounts.lockout_username"
AXES_RESET_ON_SUCCESS = True
# Behind reverse proxies: how many of them append to X-Forwarded-For (0: ignore the header, the default).
# The lockout and the e-mail throttles read the client's address through participants.client_address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 (no proxy) or the number of proxies in front.")
AXES_CLIENT_IP_CALLABLE = "participants.client_address.client_address"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "ATT advisory group"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # never show TOTP keys or backup codes, even to superusers

# --- Internationalisation (§14: English; strings marked for translation) ----------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English")]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env("TIME_ZONE", "Europe/Zurich")  # the Secretariat's zone; each user may choose their own

# --- Static and uploaded files ----------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded documents stay outside the static root and are served only by permission-checked views.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/private-media-never-served/"  # no URL serves it; only permission-checked views read files
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 10 * 1024 * 1024)
# Screenshots and PDFs given in answer to a `file` question (docs/question-kinds.md).
ANSWER_FILE_MAX_BYTES = env_int("ANSWER_FILE_MAX_BYTES", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# --- E-mail -----------------------------------------------------------------------------------------

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "ATT Secretariat <advisory-group@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Every ANYMAIL_* variable becomes an anymail setting: ANYMAIL_MAILGUN_API_KEY -> MAILGUN_API_KEY.
ANYMAIL = {name.removeprefix("ANYMAIL_"): value for name, value in os.environ.items() if name.startswith("ANYMAIL_")}
EMAIL_MAX_ATTEMPTS = env_int("EMAIL_MAX_ATTEMPTS", 5)
# Replies from calendar programs: the ESP (anymail's name, e.g. mailgun, postmark, amazon_ses) whose
# inbound webhook is mounted at /anymail/<esp>/inbound/. Empty: no inbound e-mail (docs/meetings.md).
INBOUND_EMAIL_ESP = env("INBOUND_EMAIL_ESP").lower()

# The public address used in links inside e-mails, calendar feeds and invitations. In development it is
# the address `make run` serves on (HOST and PORT, as given to make); in production it must be set.
HOST = env("HOST", "127.0.0.1")
PORT = env("PORT", "8000")
SITE_URL = site_url(
    env("SITE_URL"),
    host=HOST,
    port=PORT,
    debug=DEBUG,
    allowed_hosts=ALLOWED_HOSTS,
    https=not DEBUG and env_bool("SECURE_SSL_REDIRECT", True),
)

# Where the user guides (docs/guide/ of this repository) are published, e.g. the folder's address on
# the git host that keeps the code. The site's footer links each role to its guide; empty: no link.
USER_GUIDE_URL = env("USER_GUIDE_URL").rstrip("/")

# --- The product's own rules ------------------------------------------------------------------------

ANONYMITY_MIN_CELL = env_int("ANONYMITY_MIN_CELL", 3)
ROUNDS_PER_CYCLE = 2  # Annex 1 §10: a hard cap, not a preference
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 30)

# --- Security ---------------------------------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = 60 * 60 * 12

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

# --- Logging ----------------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"client_errors_on_one_line": {"()": "config.error_pages.ClientErrorWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own console handler would print every request error a second time beside the root's.
        "django": {"handlers": [], "level": "INFO"},
        "django.db.backends": {"level": "WARNING"},
        "django.request": {"filters": ["client_errors_on_one_line"]},
        "huey": {"level": "INFO"},
        "axes": {"level": "WARNING"},
    },
}
