"""Browser tests here drive Debian's chromium through pytest-playwright (as tests/browser does)."""

import os
import shutil

import pytest

# Playwright runs an event loop in the test thread; Django's ORM calls from the same thread are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ["--no-sandbox", "--disable-gpu"]}
