"""Settings for the portal: one module, driven by the environment.

DJANGO_ENV selects the profile: `development` (the default: SQLite, eager Celery),
`test`, or `production` (refuses to start without a real secret key and hosts).
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
if DJANGO_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured(
        f"DJANGO_ENV must be development, test or production, not {DJANGO_ENV!r}"
    )
PRODUCTION = DJANGO_ENV == "production"
TESTING = DJANGO_ENV == "test"

DEBUG = env.bool("DEBUG", default=DJANGO_ENV == "development")
# With DEBUG on, a missing page still shows the portal's own 404 (the demo is shown to people);
# a developer who wants Django's technical 404 page (the URL patterns tried) turns this on.
DEBUG_TECHNICAL_404 = env.bool("DEBUG_TECHNICAL_404", default=False)

_DEV_SECRET = "django-insecure-development-only-never-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default="" if PRODUCTION else _DEV_SECRET)
# Earlier keys, comma-separated, still accepted for sessions, signed values and MFA secrets.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
if PRODUCTION:
    if (
        len(SECRET_KEY) < 50
        or SECRET_KEY.startswith("django-insecure")
        or SECRET_KEY == _DEV_SECRET
    ):
        raise ImproperlyConfigured("Production needs SECRET_KEY: a random value of 50+ characters.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Production needs ALLOWED_HOSTS: the site's host names.")
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off in production.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "portal",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "import_export",
    "simple_history",
    "django_htmx",
    "csp",
    "portal.papi",
    "transparency",
    "accountability",
    "anticorruption",
    "procedures",
    "services",
    "egov",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.PrivateResponseMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the messages middleware: it tells the officer why they were sent to set up TOTP.
    "portal.middleware.StaffMFARequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Turns a tripped rate limit into the 429 page (RATELIMIT_VIEW) instead of a bare 403.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, so that a missing page has the language, the user and the messages of any page.
    "portal.middleware.NotFoundPageMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "csp.context_processors.nonce",
                "portal.context_processors.portal",
            ],
        },
    },
]

# Every form draws GOV.UK markup from templates/govuk/ (see portal/forms.py).
FORM_RENDERER = "portal.forms.GovukRenderer"

# --- Data -------------------------------------------------------------------------------------

# An empty DATABASE_URL (as `make test-smoke` sets) means the embedded SQLite default too.
DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Persistent connections: opening one per request costs most of a simple page's time.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# REDIS_URL gives the cache and the Celery broker, each its own database number, so that the
# broker (which must never be evicted) does not share a keyspace with the cache.
REDIS_URL = env.str("REDIS_URL", default="")


def _redis_db(url: str, db: int) -> str:
    base = url.rsplit("/", 1)[0] if url.count("/") > 2 else url.rstrip("/")
    return f"{base}/{db}"


if REDIS_URL:
    CACHES = {
        "default": {
            # Redis, where an outage is a cache miss: pages render from the database meanwhile.
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": env.str("CACHE_URL", default="") or _redis_db(REDIS_URL, 1),
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="portal"),
            # A Redis that hangs must not hold a page for long.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Each process's own cache, in front of the shared one, for small reads every page makes (the
# list's filter choices and their drawing): their keys carry the content version, so a publish
# moves past them at once; with the shared cache down they are kept a minute.
CACHES["local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "local",
    "TIMEOUT": 60,
}

# --- Celery -----------------------------------------------------------------------------------

# An empty variable counts as unset, so that `CELERY_BROKER_URL= make …` falls back as well.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or (
    _redis_db(REDIS_URL, 0) if REDIS_URL else ""
)
# Without a broker (the embedded default) tasks run in the web process as they are called.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360)
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A message not acknowledged within this time is delivered again; longer than any task runs.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
# Filled when Django starts from every app's `beat.py` (portal.beat).
CELERY_BEAT_SCHEDULE: dict = {}
# A running report job that has not reported for this long is taken to be lost.
PAPI_REPORT_HEARTBEAT_TIMEOUT = env.int("PAPI_REPORT_HEARTBEAT_TIMEOUT", default=120)
PAPI_REPORT_MAX_ATTEMPTS = env.int("PAPI_REPORT_MAX_ATTEMPTS", default=5)
# Tests only: seconds to sleep between report sections, so that a worker can be killed mid-job.
PAPI_REPORT_SECTION_DELAY = env.float("PAPI_REPORT_SECTION_DELAY", default=0.0)

# --- Accounts and security --------------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "portal:home"
ACCOUNT_ADAPTER = "portal.accounts.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "5/10m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
MFA_ADAPTER = "portal.accounts.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# allauth refuses MFA set-up while an address is unverified (a guard for open sign-up). Here the
# administrator creates every account with the department's address, and an unverified row
# would lock the officer out of the TOTP set-up that StaffMFARequiredMiddleware demands.
MFA_ALLOW_UNVERIFIED_EMAIL = True
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="Sở Công Thương")
# Keys that encrypt MFA secrets at rest, comma-separated: the first encrypts, all decrypt (add a
# new key in front to rotate, then run `manage.py rotate_mfa_key`). Required in production
# (portal.E005), so that rotating SECRET_KEY never locks staff out.
MFA_ENCRYPTION_KEY = env.list("MFA_ENCRYPTION_KEY", default=[])

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features no page of the portal uses, refused for the page and anything it embeds.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz(?:/ready)?$"]

# No third-party resources of any kind: scripts and styles only from this site, scripts with nonces.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Reverse proxies in front of the web processes that append X-Forwarded-For (0: none, the
# address of the connection is the visitor's). Rate limits key on portal.proxies.client_ip.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
RATELIMIT_IP_META_KEY = "portal.proxies.client_ip"
RATELIMIT_VIEW = "portal.views.ratelimited"
# While the cache (Redis) is down no limit can be counted: serve rather than refuse everyone.
RATELIMIT_FAIL_OPEN = True
# Seconds a visitor who tripped a limit is asked to wait (Retry-After on the 429 page).
RATELIMIT_RETRY_AFTER = 60
if not REDIS_URL:
    # The embedded default has no shared cache; production must have one (check portal.E003).
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# The anonymous reporting channel (anticorruption/crypto.py): reports are sealed to the
# inspection unit's X25519 public key (base64); its private key is a passphrase-protected PEM
# file outside the database, opened only in an inspector's session. Outside production the
# demo key pair in var/ is used (`seed_demo` writes it and prints its passphrase).
ANTICORRUPTION_PUBLIC_KEY = env.str("ANTICORRUPTION_PUBLIC_KEY", default="")
ANTICORRUPTION_PRIVATE_KEY_FILE = env.str(
    "ANTICORRUPTION_PRIVATE_KEY_FILE",
    default=""
    if PRODUCTION
    # Tests use a committed test-only key pair (passphrase "test-passphrase").
    else str(BASE_DIR / "tests" / "anticorruption" / "inspection-key.pem")
    if TESTING
    else str(VAR_DIR / "anticorruption" / "inspection-key.pem"),
)

# --- Language and formats ---------------------------------------------------------------------

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# The project's own strings, then its translations of third-party ones (allauth and
# import-export ship no Vietnamese): a separate catalog that makemessages never prunes.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_thirdparty"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
FORMAT_MODULE_PATH = ["portal.formats"]
LANGUAGE_COOKIE_NAME = "portal_language"

# --- Files ------------------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Outside production, serve static files straight from the source folders (no collectstatic).
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Files that only permission-checked views may serve (generated reports, evidence): no URL.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=VAR_DIR / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "portal.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Open data files (portal.opendata): written again this many seconds after a publication, so
# that a burst of publications (an import) makes one run; and, when set, the internal path
# prefix under which the reverse proxy serves MEDIA_ROOT (nginx `internal` location), so that
# the proxy sends the file (X-Accel-Redirect) instead of a web process.
OPENDATA_REFRESH_DELAY = env.float("OPENDATA_REFRESH_DELAY", default=60.0)
OPENDATA_ACCEL_REDIRECT_PREFIX = env.str("OPENDATA_ACCEL_REDIRECT_PREFIX", default="")
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest attachment or evidence file staff may upload (portal.uploads).
TRANSPARENCY_MAX_ATTACHMENT_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Fonts embedded in PDFs: full TTFs with every Vietnamese glyph (checked by portal.E001).
PDF_FONT_DIR = BASE_DIR / "static" / "vendor" / "fonts"
PDF_FONTS = [
    "BeVietnamPro-Regular.ttf",
    "BeVietnamPro-Italic.ttf",
    "BeVietnamPro-SemiBold.ttf",
    "BeVietnamPro-Bold.ttf",
]
# The serif of administrative documents (the quarterly report): Liberation Serif from Debian's
# fonts-liberation2, metric-compatible with Times New Roman. (weight, style, file)
PDF_SERIF_FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
PDF_SERIF_FONTS = [
    (400, "normal", PDF_SERIF_FONT_DIR / "LiberationSerif-Regular.ttf"),
    (400, "italic", PDF_SERIF_FONT_DIR / "LiberationSerif-Italic.ttf"),
    (700, "normal", PDF_SERIF_FONT_DIR / "LiberationSerif-Bold.ttf"),
    (700, "italic", PDF_SERIF_FONT_DIR / "LiberationSerif-BoldItalic.ttf"),
]

# --- Mail and logging -------------------------------------------------------------------------

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# With a broker, mail leaves through a Celery task (portal.mail) so no request waits for the
# mail server; the task delivers with CELERY_EMAIL_BACKEND (by default the one from EMAIL_URL).
CELERY_EMAIL_BACKEND = env.str("CELERY_EMAIL_BACKEND", default=EMAIL_CONFIG["EMAIL_BACKEND"])
EMAIL_FILE_PATH = env.path("EMAIL_FILE_PATH", default=VAR_DIR / "mail")
if CELERY_BROKER_URL:
    EMAIL_BACKEND = "portal.mail.CeleryEmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Sở Công Thương <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The site's address for links in e-mails (no request to build them from in a Celery task).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
ADMINS = [("Admin", a) for a in env.list("ADMIN_EMAILS", default=[])]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint logs every layout step at INFO; fontTools every subset.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_USE_TRANSACTIONS = True
# Without these any staff member may import into or export any model with an import button.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
