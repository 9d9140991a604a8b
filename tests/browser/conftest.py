"""Browser tests: Playwright driving Debian's chromium (installed by `make browser`, never `playwright install`)."""

import os
import shutil
from pathlib import Path

import pytest

from tests.browser.helpers import DESKTOP, PHONE  # noqa: F401 (tests import the sizes from here)

# Playwright runs an event loop in the test thread; Django's ORM calls from the same thread are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
    }


@pytest.fixture
def screenshot_dir() -> Path | None:
    """Set SCREENSHOT_DIR to keep the pages' pictures for a human to look at."""
    raw = os.environ.get("SCREENSHOT_DIR")
    if not raw:
        return None
    path = Path(raw)
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Russian schools' browsers ask for Russian; English is tested separately where it matters.
    return {**browser_context_args, "locale": "ru-RU", "timezone_id": "Europe/Moscow"}
