"""Settings for the test suite: production settings with the few changes a test run needs."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdefghijklmnop")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from nastavnik.settings import *  # noqa: F403
from nastavnik.settings import STORAGES

# Fast hashing: Argon2 on every factory-made user would dominate the run time.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# Background tasks run at once in tests, so their effects (mail in the outbox) can be checked.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
AXES_ENABLED = os.environ.get("AXES_ENABLED", "0") == "1"
# Two-factor sign-in is off unless a test turns it on (accounts).
OTP_REQUIRED_ROLES: list[str] = []
# Municipal contour (issue 13): each test's own data, never an overview cached by an earlier test.
MUNICIPAL_CACHE_SECONDS = 0
# Rendered pages are kept only where a test turns it on (tests/test_pagecache.py, the browser tests): a test's
# writes are never committed, so the data version would not move between its requests.
PAGE_CACHE_SECONDS = 0
