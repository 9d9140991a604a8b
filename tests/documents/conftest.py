"""Browser tests here drive Debian's chromium, as tests/browser does."""

from tests.browser.conftest import (  # noqa: F401
    browser_context_args,
    browser_type_launch_args,
    screenshot_dir,
)
