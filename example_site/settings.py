"""Settings of the example site: a Wagtail project that installs wagtail_events as
any site would. SQLite by default; set DATABASE_URL for PostgreSQL."""

import importlib.util
import os
import secrets
import tempfile
from pathlib import Path

import dj_database_url
import django
from django.core.exceptions import ImproperlyConfigured


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("EXAMPLE_SITE_DATA", BASE_DIR.parent / ".demo-data"))
DATA_DIR.mkdir(exist_ok=True)


def _secret_key():
    """The environment's ``SECRET_KEY``, or one made for this site's data folder.

    A key written in the repository would be public: every copy of these
    settings would sign its sessions and passwords with it. So without
    ``SECRET_KEY`` the first process makes a random key and keeps it in
    ``DATA_DIR/secret_key`` (readable by its owner only), and every process of
    the same site reads it there: ``make demo`` and a site run with nothing but
    ``DATABASE_URL`` need no key of their own, and none is ever shared."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        # Written whole under another name, then linked into place: a process
        # that stops half-way leaves no empty key, and of two processes making
        # one at once the second finds the first's and uses it.
        fd, draft = tempfile.mkstemp(dir=DATA_DIR, prefix=".secret_key-")
        try:
            with os.fdopen(fd, "w") as file:
                file.write(secrets.token_urlsafe(50))
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(draft)
    try:
        key = path.read_text().strip()
    except OSError as error:
        raise ImproperlyConfigured(
            f"Cannot read the site's secret key in {path} ({error.strerror}): "
            "set SECRET_KEY in the environment, or let the site's user read it."
        ) from error
    if not key:
        raise ImproperlyConfigured(
            f"{path} is empty: delete it (a new key is made) or set SECRET_KEY."
        )
    return key


SECRET_KEY = _secret_key()
# Off unless the environment turns it on (`make demo` does): settings safe to
# copy, and no traceback page for a request with a foreign Host.
DEBUG = os.environ.get("DEBUG", "0") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# A site's own host names, comma-separated (docs/deployment.md).
ALLOWED_HOSTS += [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "example_site.home",
    "example_site.demo",
    # The package and what it builds on:
    "wagtail_events",
    "recurrence",
    # Countries of venues and people, chosen from a list, named in each language.
    "django_countries",
    # Translations of pages and snippets (docs/translating.md).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the address (/nl/...), see urls.py.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "example_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

WSGI_APPLICATION = "example_site.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}",
        # CONN_MAX_AGE (seconds): a web process keeps its database connection
        # for the next requests (docs/deployment.md); 0, the default, opens one
        # per request, as Django's development server needs.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's search and the package's indexes use PostgreSQL's own fields.
    INSTALLED_APPS.append("django.contrib.postgres")
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # Each transaction takes the write lock when it begins, and waits for
        # it up to `timeout` seconds: SQLite cannot upgrade a reading
        # transaction to a writing one, which made concurrent registrations
        # fail with "database is locked".
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        # Readers do not wait for the writer.
        "init_command": "PRAGMA journal_mode=WAL;",
    }

# Several web processes share one cache (the registration rate limit, the
# "already registered" reminders, the site's root paths) only through a cache
# server: REDIS_URL (redis://host:port/db) selects Django's own Redis cache.
# Without it each process keeps its own (the demo's single process needs no more).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "wagtail-events",
        }
    }
    # Sessions (a registration's result page, the admin's sign-in) in Redis too,
    # as pretix keeps them: no database query or write per visitor.
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"

AUTH_PASSWORD_VALIDATORS = []

LANGUAGE_CODE = "en"
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
# The site's languages: each has its own page tree (/en/, /nl/, /fr/).
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("en", "English"),
    ("nl", "Nederlands"),
    ("fr", "Français"),
]
WAGTAIL_I18N_ENABLED = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

WAGTAIL_SITE_NAME = "Events example site"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# The package's own settings, with their defaults spelled out.
WAGTAIL_EVENTS_DEFAULT_TIME_ZONE = "Europe/Brussels"
WAGTAIL_EVENTS_INDEX_PAGE_SIZE = 12
# Behind a reverse proxy (nginx, a load balancer): how many of them append the
# client's address to X-Forwarded-For (docs/deployment.md).
WAGTAIL_EVENTS_TRUSTED_PROXIES = int(
    os.environ.get("WAGTAIL_EVENTS_TRUSTED_PROXIES", "0")
)
# The proxy in front terminates TLS and says so in X-Forwarded-Proto (nginx:
# `proxy_set_header X-Forwarded-Proto $scheme;`, docs/deployment.md): without
# this, Django takes every request for plain HTTP and its CSRF check refuses
# every form posted over HTTPS (registration, admin login) by its Origin. Only
# behind a proxy, which replaces the header: a client could set it otherwise.
if WAGTAIL_EVENTS_TRUSTED_PROXIES > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if os.environ.get("WAGTAIL_EVENTS_REGISTRATION_RATE_LIMIT"):
    WAGTAIL_EVENTS_REGISTRATION_RATE_LIMIT = int(
        os.environ["WAGTAIL_EVENTS_REGISTRATION_RATE_LIMIT"]
    )

# The example site makes no request to a third-party host, the admin included.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Registration e-mails are printed to the console; a real site sets its mail
# server and the sender (WAGTAIL_EVENTS_EMAIL_FROM, or DEFAULT_FROM_EMAIL).
# Django 6.1 configures mail with MAILERS; EMAIL_BACKEND is deprecated there.
# EMAIL_HOST (with EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD and
# EMAIL_USE_TLS=1) sends through that mail server; EMAIL_FILE_PATH writes each
# e-mail into files in that directory (the stack's tests read them there).
if os.environ.get("EMAIL_HOST"):
    MAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    MAIL_OPTIONS = {
        "host": os.environ["EMAIL_HOST"],
        "port": int(os.environ.get("EMAIL_PORT", "25")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": os.environ.get("EMAIL_USE_TLS", "0") == "1",
    }
elif os.environ.get("EMAIL_FILE_PATH"):
    MAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    MAIL_OPTIONS = {"file_path": os.environ["EMAIL_FILE_PATH"]}
else:
    MAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    MAIL_OPTIONS = {}
if django.VERSION >= (6, 1):
    MAILERS = {"default": {"BACKEND": MAIL_BACKEND, "OPTIONS": MAIL_OPTIONS}}
else:
    EMAIL_BACKEND = MAIL_BACKEND
    EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH")
    EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"
DEFAULT_FROM_EMAIL = "Events example site <events@example.org>"

# Tasks (the registration e-mails) run at once, in the request that enqueues them,
# once its transaction commits. A real site uses a worker backend: with
# TASKS_BACKEND=database the tasks wait in the database for `manage.py db_worker`
# (django-tasks-db, the `production` extra; docs/deployment.md).
if importlib.util.find_spec("django.tasks"):  # Django 6.0 and later
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
else:  # Django 5.2: the django_tasks backport that Wagtail 7.4 installs
    # Installed as an app for its system checks of the TASKS setting.
    INSTALLED_APPS.append("django_tasks")
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if os.environ.get("TASKS_BACKEND") == "database":
    INSTALLED_APPS.append("django_tasks_db")
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Django logs every finished task at INFO with sys.exc_info(), to give a failed
# task its traceback. With the immediate backend a task runs inside the code that
# enqueues it: wagtail-localize creates a translation in its "except DoesNotExist"
# (the translation did not exist yet, a case it handles), the save enqueues the
# search and reference-index tasks, and each successful task printed that handled
# exception as a traceback, about a hundred times in load_demo_content. Task
# logging from WARNING up only: a failed task is still logged, at ERROR, with its
# traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "loggers": {
        "django.tasks": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# A registration form that fails the CSRF check (a page kept by a cache carries
# someone else's token) comes back filled in, with a fresh token, instead of
# Django's bare "403 Forbidden". See docs/installation.md.
CSRF_FAILURE_VIEW = "wagtail_events.views.csrf_failure"

# A front-end cache that takes PURGE requests at this address (nginx with
# Debian's libnginx-mod-http-cache-purge, Varnish): the package purges an event
# page when its places change (docs/deployment.md, "A front-end cache").
# With nginx: its loopback purge listener, never the visitors' port (which
# answers PURGE with 405).
if os.environ.get("FRONTEND_CACHE_URL"):
    if "wagtail.contrib.frontend_cache" not in INSTALLED_APPS:
        INSTALLED_APPS += ["wagtail.contrib.frontend_cache"]
    WAGTAILFRONTENDCACHE = {
        "front": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_URL"],
        }
    }
    # Each translation is purged at its own address by the package.
    WAGTAILFRONTENDCACHE_LANGUAGES = []
