"""`make run`: the production settings on one machine, over plain HTTP on loopback.

Everything else is production's (DEBUG off, manifest static files, styled error
pages, the secret from var/); only what needs TLS is relaxed, because the
newcomer opens http://127.0.0.1:8000. The production stack (`make stack`)
terminates TLS in nginx and runs `config.settings.production` unchanged."""

from .production import *

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
