"""Settings shared by every environment. Values come from the environment;
the defaults run the site out of the box on SQLite under var/."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_secret(name):
    """A secret from NAME, or from the file named by NAME_FILE (how `make run`
    and container platforms hand secrets over without putting them in the environment)."""
    if os.environ.get(name):
        return os.environ[name]
    path = os.environ.get(f"{name}_FILE")
    return Path(path).read_text().strip() if path else ""


SECRET_KEY = env_secret("SECRET_KEY")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # ours
    "core",
    "home",
    "iran",
    "releases",
    "indicators",
    "tables",
    "publications",
    "catalog",
    "researchers",
    "surveys",
    "sitesearch",
    "alerts",
    "demo",
    # wagtail-localize before wagtail so its templates win
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "import_export",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Wagtail's redirects, minus those that lead to a page under embargo.
    "releases.middleware.EmbargoAwareRedirectMiddleware",
    # Turns django-ratelimit's refusals into RATELIMIT_VIEW's polite 429.
    "django_ratelimit.middleware.RatelimitMiddleware",
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
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            "builtins": ["iran.templatetags.iran"],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes. IMMEDIATE takes the write
    # lock when a transaction begins, so concurrent writers wait (up to `timeout`
    # seconds) instead of failing with "database is locked" when they upgrade.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "core.passwords.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Persian first. LANGUAGE_CODE must be "fa" before the first migrate,
# because Wagtail creates the default Locale from it.
LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", _("Persian")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# locale/ is ours (makemessages writes there); locale_vendor/ adds the Persian strings
# wagtail-localize lacks, so editors see its screens in Persian too.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"  # stored in UTC; shown in DISPLAY_TIME_ZONE
DISPLAY_TIME_ZONE = "Asia/Tehran"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Private files (microdata, uploaded proposals) never live under MEDIA_ROOT.
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if os.environ.get("S3_BUCKET"):
    # Public media (images, documents) on S3-compatible object storage. The bucket stays
    # private: Django checks the embargo on every request, then redirects to a URL signed
    # for a minute (docs/deploy). Credentials come from boto3's own environment variables.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["S3_BUCKET"],
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": int(os.environ.get("S3_URL_SECONDS", "60")),
            "file_overwrite": False,
        },
    }

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Wagtail
WAGTAIL_SITE_NAME = "درگاه آمار وزارت تعاون، کار و رفاه اجتماعی"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database backend with Persian normalisation (ي/ك, digits) at index and query time.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "home.search_backend"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
# Documents are served through Django so that access checks (embargo) run on every request.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Media (/media/…) and documents leave through releases/media.py after the embargo
# check. With nginx in front, set MEDIA_X_ACCEL_REDIRECT to the prefix of an
# `internal` location aliasing MEDIA_ROOT (e.g. "/_protected_media/"): Django then
# answers with X-Accel-Redirect and nginx sends the bytes. Empty: Django sends them.
MEDIA_X_ACCEL_REDIRECT = os.environ.get("MEDIA_X_ACCEL_REDIRECT", "")
SENDFILE_BACKEND = "releases.media"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"

# Background work (django-tasks). The database backend needs no extra server;
# `manage.py db_worker` runs the queue (make run starts it).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Jobs the scheduler (`manage.py run_scheduler`) runs every SCHEDULER_INTERVAL seconds.
SCHEDULER_JOBS = [
    "releases.scheduling.publish_due_releases",
    # Records «go live at» revisions as published (visibility does not wait for it).
    "releases.scheduling.publish_scheduled_pages",
    # 24 h before a release: email the release publishers what is not yet approved.
    "releases.signoff.flag_unapproved",
]
SCHEDULER_INTERVAL = float(os.environ.get("SCHEDULER_INTERVAL", "1"))

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
if os.environ.get("REDIS_URL"):
    # Sessions in Redis (written through to the database, so a Redis restart logs nobody out).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "amar@mcls.gov.ir")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# django-ratelimit: counts live in the default cache (Redis in production).
RATELIMIT_VIEW = "home.views.rate_limited"

# The visitor's address (rate limits, logs) comes from X-Forwarded-For / X-Real-IP
# only when the request came from one of these proxies (IPs or CIDRs); see
# docs/settings.md. Default: loopback, where deploy/nginx.conf runs.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")
RATELIMIT_IP_META_KEY = "core.client_ip.ratelimit_ip"
# A researcher's right password at /admin/login/ answers as a wrong one does.
WAGTAILADMIN_USER_LOGIN_FORM = "home.admin_login.AdminLoginForm"

# --- catalog / researchers (issue 6) ---
# Views that need a logged-in researcher send visitors to the club's login page.
LOGIN_URL = "researchers:login"
# Research proposals (PDF) larger than this are refused.
RESEARCHERS_PROPOSAL_MAX_BYTES = int(os.environ.get("RESEARCHERS_PROPOSAL_MAX_BYTES", 10 * 1024 * 1024))
# Rejected and inactive researcher accounts are anonymised after this many months
# (`manage.py anonymise_researchers`, also run daily by the scheduler job below).
RESEARCHERS_RETENTION_MONTHS = int(os.environ.get("RESEARCHERS_RETENTION_MONTHS", "24"))
SCHEDULER_JOBS += ["researchers.jobs.expire_applications", "researchers.jobs.anonymise_inactive"]

# --- email alerts (issue 16) ---
# The notice is queued at the release minute (never before); the worker sends it.
SCHEDULER_JOBS += ["alerts.jobs.queue_release_notices", "alerts.jobs.queue_weekly_digest"]
SCHEDULER_JOBS += ["alerts.jobs.anonymise_expired"]
ALERTS_SEND_RATE = float(os.environ.get("ALERTS_SEND_RATE", "20"))  # emails per second
# Links in emails; https in production.
ALERTS_BASE_URL = os.environ.get("ALERTS_BASE_URL", WAGTAILADMIN_BASE_URL)

# --- releases: the embargo on caches and media files -------------------------------
# Bounds every public Cache-Control max-age by the seconds until the next release
# minute (no-store on editors' responses) and answers 404 for images and documents
# that an embargoed page uses. After AuthenticationMiddleware (it reads request.user).
MIDDLEWARE += ["releases.middleware.ReleaseEmbargoMiddleware"]
# Where that middleware reads the next release minute: the page cache's per-process memo
# (no query per response; a dotted path, so releases does not import home); "" = the database,
# 3 queries per response. The 20 s late of the stack's bench was the bench's (docs/speed.md).
RELEASE_MINUTE_SOURCE = os.environ.get("RELEASE_MINUTE_SOURCE", "home.pagecache.next_release_minute_now")

# --- the page cache (home/pagecache.py, issue 13) -----------------------------------
# Whole answers for anonymous visitors, keyed by the content version and the next
# release minute. Just after WhiteNoise, so a hit skips sessions, locale and auth.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
_after_whitenoise = MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1
MIDDLEWARE.insert(_after_whitenoise, "home.pagecache.PageCacheMiddleware")
