"""Deployment: the process environment only; unsafe values refuse to start.

No ``.env`` file is read (only local settings read one): a copy of ``.env.example``
must never configure a deployment. Importing these settings raises
``ImproperlyConfigured``, naming the variable, when the secret key is missing, short,
low in entropy or a known default, when ``DJANGO_DEBUG`` or
``AICMO_ALLOW_FAULT_INJECTION`` is on, or when ``DJANGO_ALLOWED_HOSTS`` is not given.
With those right, ``manage.py check --deploy --fail-level WARNING`` passes.
"""

from django.core.exceptions import ImproperlyConfigured

from aicmo_site.settings.base import *  # noqa: F403
from aicmo_site.settings.base import env

# Django's own bar for a secret key (check security.W009): at least 50 characters, at
# least 5 different ones, not one that startproject generated for development.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5
# Keys that ship in this repository or its templates; a key containing one is a copy.
KNOWN_DEFAULT_KEY_PARTS = ("change-me", "changeme", "insecure")


def _secret_key_problem(key: str) -> str | None:
    """Say what makes ``key`` unfit for production, or None when it is fit."""
    lowered = key.lower()
    if key.startswith("django-insecure-") or any(
        part in lowered for part in KNOWN_DEFAULT_KEY_PARTS
    ):
        return "is a known default"
    if len(key) < SECRET_KEY_MIN_LENGTH:
        return f"is shorter than {SECRET_KEY_MIN_LENGTH} characters"
    if len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS:
        return f"has fewer than {SECRET_KEY_MIN_UNIQUE_CHARACTERS} different characters"
    # The smallest period of the key: "ab12ab12...ab12" repeats a 4-character unit.
    period = (key + key).find(key, 1)
    if period < len(key):
        return f"repeats a {period}-character pattern"
    return None


# Read as it is: django-environ takes a value that begins with "$" for the name of
# another variable, and get_random_secret_key() begins one key in 50 with "$".
try:
    SECRET_KEY = env.ENVIRON["DJANGO_SECRET_KEY"]
except KeyError:
    raise ImproperlyConfigured(
        "Set the DJANGO_SECRET_KEY environment variable: production has no default."
    ) from None
if problem := _secret_key_problem(SECRET_KEY):
    raise ImproperlyConfigured(
        f"DJANGO_SECRET_KEY {problem}: set it to a random value of at least "
        f"{SECRET_KEY_MIN_LENGTH} characters, e.g. the output of "
        '`python -c "from django.core.management.utils import '
        'get_random_secret_key; print(get_random_secret_key())"`.'
    )

DEBUG = env.bool("DJANGO_DEBUG", default=False)
if DEBUG:
    raise ImproperlyConfigured(
        "DJANGO_DEBUG is on: debug pages leak settings and source code; "
        "production refuses to start with it."
    )

AICMO_ALLOW_FAULT_INJECTION = env.bool("AICMO_ALLOW_FAULT_INJECTION", default=False)
if AICMO_ALLOW_FAULT_INJECTION:
    raise ImproperlyConfigured(
        "AICMO_ALLOW_FAULT_INJECTION is on: anyone allowed to start a run could make "
        "it fail or crash its worker; production refuses to start with it."
    )

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is not set: list the host names this site answers to, "
        "separated by commas."
    )

# HTTPS only. Behind a proxy that terminates TLS, the proxy must set
# X-Forwarded-Proto (and strip any a client sent): Django then sees HTTPS requests as
# secure and redirects only plain-HTTP ones. /healthz stays reachable over plain HTTP
# for load balancers' probes.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True
)
# Preloading asks browsers to hard-code HTTPS for the whole domain, which is slow to
# undo: an owner opts in (DJANGO_SECURE_HSTS_PRELOAD=true). Until then the deploy
# check's reminder about it (security.W021) is silenced, not ignored.
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SESSION_COOKIE_SECURE = env.bool("DJANGO_SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("DJANGO_CSRF_COOKIE_SECURE", default=True)
