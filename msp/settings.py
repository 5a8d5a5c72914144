"""Settings come from the environment.

The defaults serve only the embedded demo on 127.0.0.1 with SQLite. With MSP_MODE=production the
app refuses to start unless a secret key, allowed hosts and a database URL are given.
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
MODE = os.environ.get("MSP_MODE", "demo")
PRODUCTION = MODE == "production"

DEMO_SECRET = "demo-only-secret-key-not-for-real-data"  # noqa: S105 - the embedded demo only
SECRET_KEY = os.environ.get("MSP_SECRET_KEY", "" if PRODUCTION else DEMO_SECRET)
DEBUG = os.environ.get("MSP_DEBUG", "0") == "1"
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("MSP_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost").split(
        ","
    )
    if h.strip()
]
DEFAULT_DATABASE_URL = f"sqlite:///{BASE_DIR / 'var' / 'msp.sqlite3'}"
DATABASE_URL = os.environ.get("DATABASE_URL", "" if PRODUCTION else DEFAULT_DATABASE_URL)

if PRODUCTION:
    problems = []
    if not SECRET_KEY or SECRET_KEY == DEMO_SECRET or len(SECRET_KEY) < 50:
        problems.append("MSP_SECRET_KEY must be set to a long random value")
    if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
        problems.append("MSP_ALLOWED_HOSTS must list the service's host names")
    if not DATABASE_URL:
        problems.append("DATABASE_URL must point at the council's database")
    if DEBUG:
        problems.append("MSP_DEBUG must be off")
    if problems:
        raise ImproperlyConfigured("Production settings are incomplete: " + "; ".join(problems))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "msp.core",
    "msp.sac",
    "msp.accounts",
    "msp.reference",
    "msp.people",
    "msp.concerns",
    "msp.enquiries",
    "msp.outcomes",
    "msp.audit",
    "msp.facts",
    "msp.returns",
    "msp.reporting",
    "msp.interop",
    "msp.api",
    "msp.privacy",
    "msp.improvement",
    "msp.drafts",
    "msp.demo",
    "msp.operations",
]

MIDDLEWARE = [
    "msp.operations.middleware.RequestIdMiddleware",
    "msp.operations.middleware.HealthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "msp.operations.middleware.RequestUserMiddleware",
    # Before the idle time-out, so a form sent after it is kept (msp/drafts/middleware.py).
    "msp.drafts.middleware.DraftMiddleware",
    "msp.accounts.middleware.SessionTimeoutMiddleware",
    "msp.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "msp.core.middleware.NoStoreMiddleware",
    "msp.audit.middleware.RefusedAccessMiddleware",
    "msp.audit.middleware.AdminViewAuditMiddleware",
    "msp.people.restriction_views.RestrictedRecordMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "msp.urls"
WSGI_APPLICATION = "msp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Project-wide overrides of other apps' templates (the administration pages' stylesheet).
        "DIRS": [BASE_DIR / "msp" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "msp.core.context_processors.service",
                "msp.accounts.context_processors.access",
            ],
            "builtins": ["msp.core.templatetags.govuk"],
        },
    }
]

DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
# SQLite's durability: FULL makes every commit wait until the write-ahead log is on disk, so an
# acknowledged write survives a power cut, not only a killed process (docs/decisions/0003).
SQLITE_SYNCHRONOUS = "FULL"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
    # WAL lets readers carry on while one writer commits; IMMEDIATE avoids lock upgrades mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        # A 128 MB page cache keeps year-long aggregates off the disk.
        "init_command": (
            f"PRAGMA journal_mode=WAL; PRAGMA synchronous={SQLITE_SYNCHRONOUS}; "
            "PRAGMA foreign_keys=ON; PRAGMA cache_size=-131072;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Each request thread keeps its connection: opening one (and SQLite reading the schema
    # again) was about a tenth of the server's CPU under load (docs/performance.md). SQLite has
    # no server-side connection limit, so there is nothing to exhaust.
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("MSP_SQLITE_CONN_MAX_AGE", "600"))
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Each server process keeps a bounded pool of connections (psycopg's pool, built into
    # Django): never more than MSP_DB_POOL_MAX at once, by default one per request thread.
    # Sizing against the server's max_connections: docs/deployment.md.
    _pool_max = int(os.environ.get("MSP_DB_POOL_MAX", os.environ.get("MSP_THREADS", "4")))
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(os.environ.get("MSP_DB_POOL_MIN", "1")),
        "max_size": _pool_max,
        # A request waits this long for a free connection before failing.
        "timeout": float(os.environ.get("MSP_DB_POOL_TIMEOUT", "10")),
        # Connections are replaced now and then, so a restarted server is picked up.
        "max_lifetime": 1800,
        "max_idle": 300,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# New and changed passwords are stored with Argon2id; older PBKDF2 hashes still verify and are
# rewritten as Argon2id when their owner next signs in (docs/decisions/0012).
PASSWORD_HASHERS = [
    "msp.accounts.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
LOGIN_URL = "accounts:login"
LOGIN_URL_PATH = "/accounts/sign-in/"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "msp.accounts.passwords.NotOnlyDigitsOrPatternValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"

STATIC_URL = "/static/"
# Production serves files collected by `msp collectstatic`; the demo serves them from where they are built.
STATIC_ROOT = (
    Path(os.environ.get("MSP_STATIC_ROOT", BASE_DIR / "build" / "collected"))
    if PRODUCTION
    else None
)
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
WHITENOISE_USE_FINDERS = not PRODUCTION
if PRODUCTION:
    # Hashed names (cached for a year by browsers) and compressed copies, made by collectstatic.
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie (forms carry the token), so scripts may not read it either.
CSRF_COOKIE_HTTPONLY = True
# Absolute limit on a session, and the idle limit after which a signed-in user must sign in again.
SESSION_COOKIE_AGE = int(os.environ.get("MSP_SESSION_SECONDS", str(8 * 3600)))
SESSION_IDLE_SECONDS = int(os.environ.get("MSP_IDLE_SECONDS", str(30 * 60)))
# The time-out warning opens this long before the idle limit (at most half of it).
SESSION_WARNING_SECONDS = min(
    int(os.environ.get("MSP_IDLE_WARNING_SECONDS", "120")), SESSION_IDLE_SECONDS // 2
)
# The measures and return pages reuse figures worked out this many seconds ago for the same
# question (msp/reporting/recent.py); 0 works them out on every request.
FIGURES_MAX_AGE = int(os.environ.get("MSP_FIGURES_MAX_AGE", "60"))
# Kept in files so that every worker process of a server shares them (a per-process cache was
# missed three times as often with three workers).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "figures": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("MSP_FIGURES_CACHE_DIR", str(BASE_DIR / "var" / "figures")),
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}
# A form sent after the session ended is kept this long for its author (msp/drafts).
DRAFT_HOURS = int(os.environ.get("MSP_DRAFT_HOURS", "72"))
DRAFTS_URL_PATH = "/session/unsaved/"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("MSP_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = os.environ.get("MSP_HSTS_PRELOAD", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Behind a reverse proxy (docs/deployment.md, "Behind a reverse proxy"): the proxies' addresses or
# networks, or how many proxies there are, so that the audit trail and the lockout see the
# client's address rather than the proxy's (msp/core/client_address.py).
try:
    TRUSTED_PROXY_NETWORKS = [
        ipaddress.ip_network(part.strip(), strict=False)
        for part in os.environ.get("MSP_TRUSTED_PROXIES", "").split(",")
        if part.strip()
    ]
    TRUSTED_PROXY_COUNT = int(os.environ.get("MSP_TRUSTED_PROXY_COUNT", "0"))
except ValueError as error:
    raise ImproperlyConfigured(
        f"MSP_TRUSTED_PROXIES must be addresses or networks, MSP_TRUSTED_PROXY_COUNT a number: {error}"
    ) from error
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("MSP_TRUSTED_PROXY_COUNT must be 0 or more")

# Repeated failed sign-ins lock the username from that address for a while (both together: a
# username is never locked for everyone). The lockout page says the same whether or not the
# account exists.
AXES_ENABLED = os.environ.get("MSP_LOCKOUT", "1") == "1"
AXES_FAILURE_LIMIT = int(os.environ.get("MSP_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("MSP_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "msp.core.client_address.client_address"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# The API reference (/api/v1/docs and /api/v1/openapi.json): open to anyone in the demo; in
# production only to signed-in staff and holders of an API token, unless the council opens it.
API_REFERENCE_PUBLIC = os.environ.get("MSP_API_REFERENCE_PUBLIC", "0" if PRODUCTION else "1") == "1"

# Two-factor sign-in (TOTP) is required outside the embedded demo.
REQUIRE_TWO_FACTOR = os.environ.get("MSP_REQUIRE_TWO_FACTOR", "1" if PRODUCTION else "0") == "1"
OTP_TOTP_ISSUER = os.environ.get("MSP_COUNCIL_NAME", "Demo Borough Council") + " MSP"
# A first authenticator is set up only with a one-time enrolment code issued by an administrator
# or safeguarding lead (msp/accounts/two_factor.py); it lasts this long.
ENROLMENT_CODE_HOURS = int(os.environ.get("MSP_ENROLMENT_CODE_HOURS", "72"))

# No inline script, no third-party anything.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

SERVICE_NAME = os.environ.get("MSP_SERVICE_NAME", "Making Safeguarding Personal")
COUNCIL_NAME = os.environ.get("MSP_COUNCIL_NAME", "Demo Borough Council")

# One JSON object per line on standard error, with the request id and the user id
# (msp/operations/logs.py). MSP_LOG_LEVEL=DEBUG for more; never personal data at any level.
LOG_LEVEL = os.environ.get("MSP_LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "msp.operations.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # Django's own handlers would mail tracebacks and print plain text: send it to ours.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "level": "WARNING", "propagate": True},
        # SQL with its parameters holds personal data: never above WARNING.
        "django.db.backends": {"handlers": [], "level": "WARNING", "propagate": True},
        "msp": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "gunicorn.error": {"handlers": [], "level": "INFO", "propagate": True},
    },
}

# Scheduled jobs (docs/deployment.md): drift reminders by email through GOV.UK Notify.
NOTIFY_API_KEY = os.environ.get("MSP_NOTIFY_API_KEY", "")
NOTIFY_BASE_URL = os.environ.get(
    "MSP_NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk"
).rstrip("/")
NOTIFY_PRACTITIONER_TEMPLATE_ID = os.environ.get("MSP_NOTIFY_PRACTITIONER_TEMPLATE_ID", "")
NOTIFY_MANAGER_TEMPLATE_ID = os.environ.get("MSP_NOTIFY_MANAGER_TEMPLATE_ID", "")
# The address people use to reach the service, for links in emails.
SERVICE_URL = os.environ.get("MSP_SERVICE_URL", "" if PRODUCTION else "http://127.0.0.1:8000")

# Optional single sign-on with the council's directory over OpenID Connect, for example Microsoft
# Entra ID (docs/single-sign-on.md). Off unless an issuer and a client id are given. Endpoints come
# from the issuer's discovery document unless given explicitly.
OIDC_OP_ISSUER = os.environ.get("MSP_OIDC_ISSUER", "").rstrip("/")
OIDC_RP_CLIENT_ID = os.environ.get("MSP_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("MSP_OIDC_CLIENT_SECRET", "")
OIDC_ENABLED = bool(OIDC_OP_ISSUER and OIDC_RP_CLIENT_ID)
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("MSP_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("MSP_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("MSP_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("MSP_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("MSP_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("MSP_OIDC_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
# Access is given by an administrator in MSP, never by the directory alone.
OIDC_CREATE_USER = False
OIDC_MATCH_CLAIM = os.environ.get("MSP_OIDC_MATCH_CLAIM", "email")
OIDC_MATCH_FIELD = os.environ.get("MSP_OIDC_MATCH_FIELD", "email")
OIDC_ROLE_CLAIM = os.environ.get("MSP_OIDC_ROLE_CLAIM", "")
OIDC_TRUSTS_IDP_MFA = os.environ.get("MSP_OIDC_TRUSTS_IDP_MFA", "0") == "1"
OIDC_MFA_AMR_VALUES = [
    v.strip() for v in os.environ.get("MSP_OIDC_MFA_AMR_VALUES", "mfa").split(",") if v.strip()
]
OIDC_ONLY = OIDC_ENABLED and os.environ.get("MSP_OIDC_ONLY", "0") == "1"
OIDC_BUTTON_LABEL = os.environ.get(
    "MSP_OIDC_BUTTON_LABEL", f"Sign in with your {COUNCIL_NAME} account"
)
OIDC_LOGOUT_URL = os.environ.get("MSP_OIDC_LOGOUT_URL", "")
OIDC_AUTHENTICATE_CLASS = "msp.accounts.oidc.CouncilAuthenticateView"
OIDC_CALLBACK_CLASS = "msp.accounts.oidc.CouncilCallbackView"
if OIDC_MATCH_FIELD not in ("email", "username"):
    raise ImproperlyConfigured("MSP_OIDC_MATCH_FIELD must be email or username")
if OIDC_ENABLED:
    if not OIDC_RP_CLIENT_SECRET:
        raise ImproperlyConfigured("Single sign-on needs MSP_OIDC_CLIENT_SECRET")
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("msp.accounts.oidc.CouncilOIDCBackend")
    if OIDC_ONLY:
        AUTHENTICATION_BACKENDS.remove("django.contrib.auth.backends.ModelBackend")
    if OIDC_LOGOUT_URL:
        from urllib.parse import urlsplit

        # Signing out of MSP then signs out of the provider; browsers apply form-action to the
        # redirect that follows the sign-out form, so the provider's origin must be allowed.
        LOGOUT_REDIRECT_URL = OIDC_LOGOUT_URL
        _logout = urlsplit(OIDC_LOGOUT_URL)
        CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(
            f"{_logout.scheme}://{_logout.netloc}"
        )
