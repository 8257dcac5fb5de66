"""Settings for the vote tracker, read from the environment.

Development defaults are safe: DEBUG is off unless DJANGO_DEBUG=1, the database is
a SQLite file in the project, and a random secret key is made per process when
none is given (set DJANGO_SECRET_KEY in production).
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

from resolutions.staticfiles import EMPTY_STYLE_HASH, plotly_style_hashes

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")
PRODUCTION = env_bool("DJANGO_PRODUCTION")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_PRODUCTION=1.")
    # Development: one key kept beside the project (git-ignored, made on first
    # use), so that sign-ins survive the development server's reloads and every
    # local process agrees. Production must set DJANGO_SECRET_KEY, the same on
    # every app server.
    KEY_FILE = BASE_DIR / ".dev-secret-key"
    if not KEY_FILE.exists():
        KEY_FILE.write_text(get_random_secret_key(), encoding="utf-8")
        KEY_FILE.chmod(0o600)
    SECRET_KEY = KEY_FILE.read_text(encoding="utf-8").strip()
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_tables2",
    # In INSTALLED_APPS so that /api/docs/ takes its JS and CSS from the package's
    # static files (without it, django-ninja would load them from a CDN).
    "ninja",
    "corsheaders",
    "axes",
    "csp",
    "simple_history",
    "resolutions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "votetracker.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Pages without a CSRF token sent gzip: below the CSRF middleware, so it answers
    # first and still sees whether the page used a token (static files never reach it).
    "votetracker.compression.PublicPageGZipMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The signed-in editor, for the record's history (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A page that cannot reach the database answers 503 (votetracker/errors.py).
    "votetracker.errors.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its refusal page.
    "axes.middleware.AxesMiddleware",
]

# Sign-in throttling (django-axes): after 5 failed sign-ins for one user name from
# one address, that pair is refused, even with the right password, until the
# cool-off has passed or an admin deletes the attempt (Admin -> Axes -> Access
# attempts, or `manage.py axes_reset_username NAME`).
AUTHENTICATION_BACKENDS = [
    "votetracker.security.SignInThrottle",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "30")))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Behind N reverse proxies the client's address is the Nth from the right in
# X-Forwarded-For (each proxy appends the address it saw); by default the
# connection's own address (REMOTE_ADDR) is taken, which a client cannot forge.
AXES_CLIENT_IP_CALLABLE = "votetracker.security.client_ip"
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))

ROOT_URLCONF = "votetracker.urls"

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
                "resolutions.context_processors.site",
                # Last: a page rendered for the cache holds a placeholder token.
                "resolutions.pagecache.csrf_placeholder",
            ],
        },
    },
]

WSGI_APPLICATION = "votetracker.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

# The cache (public pages, the error reports' rate limit): Redis when REDIS_URL is set (shared
# by every app server), else each process's own memory. Pages are never served
# older than the last write either way (resolutions/pagecache.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "votetracker"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }
# How long a page stays cached when nothing changes (a write makes it stale at once).
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "86400"))
# The whole record's exports, built once per change of the record and kept as files
# on each app server (resolutions/exportfiles.py); empty: built on every request.
EXPORT_DIR = os.environ.get("DJANGO_EXPORT_DIR", str(BASE_DIR / "exports"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# One date format across the site (votetracker/formats): "12 Apr 2017" in pages,
# ISO in forms.
FORMAT_MODULE_PATH = ["votetracker.formats"]

STATIC_URL = "static/"
# Collected (`manage.py collectstatic`) for production only; development serves
# straight from the app's static folders.
STATIC_ROOT = (
    Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles")) if PRODUCTION else None
)
STATICFILES_DIRS = [BASE_DIR / "static"]
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

DJANGO_TABLES2_TEMPLATE = "django_tables2/table.html"

# Content-Security-Policy (django-csp) on every page, public and admin: scripts,
# styles, images and fonts from the site itself only, no inline script or style
# attribute, no plugin, no framing, forms posted only to the site. The one
# exception is what plotly.js needs for its styles (votetracker.security): the
# hashes of the <style> elements it creates itself. "data:" images: the page's
# empty favicon and the icons in plotly's styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", *plotly_style_hashes()],
        # Style attributes: only empty ones (plotly clears its colour bars' with
        # style=""), by the empty string's hash.
        "style-src-attr": ["'unsafe-hashes'", EMPTY_STYLE_HASH],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Powerful browser features the site never uses, denied to it and to any frame.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # The load balancer's liveness check asks over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Open data: the API and the feeds can be read from any origin, by GET only and
# without credentials (django-cors-headers).
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/(api|feeds)/.*$"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Outside production, whitenoise serves static files straight from the finders, so
# `make run` works without collectstatic; production serves the collected,
# compressed and hashed files.
WHITENOISE_USE_FINDERS = not PRODUCTION
# Static files are kept compressed beside themselves, gzip and brotli (brotli: 410 KB
# for plotly.js where gzip gives 496 KB), except what is compressed already and the
# source maps, which readers' browsers never load (compressing them at brotli's
# best doubled the time of collectstatic).
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (
    "jpg",
    "jpeg",
    "png",
    "gif",
    "webp",
    "zip",
    "gz",
    "tgz",
    "bz2",
    "tbz",
    "xz",
    "br",
    "woff",
    "woff2",
    "mp4",
    "webm",
    "map",
)
