"""The test suite's settings: fast hashing, in-memory email, tasks run inline."""

import os
from pathlib import Path

from .base import *

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Plain storage: tests must not depend on a collectstatic manifest.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
_tmp = os.environ.get("TEST_VAR_DIR")
if _tmp:
    MEDIA_ROOT = Path(_tmp) / "media"
    PRIVATE_ROOT = Path(_tmp) / "private"
# Static files straight from the app folders: no collectstatic before tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The page cache is tested on its own (tests/home/test_pagecache.py turns it on).
PAGE_CACHE_ENABLED = False
# The per-process memo of the next release minute would outlive a test's rolled-back rows
# (no commit, no new content version): the tests that test it turn it on.
RELEASE_MINUTE_SOURCE = ""
PAGE_CACHE_STAMP = Path(os.environ.get("TEST_VAR_DIR") or VAR_DIR) / "pagecache.stamp"
