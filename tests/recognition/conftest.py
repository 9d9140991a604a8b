from tests.browser.conftest import browser_context_args, browser_type_launch_args  # noqa: F401 (Debian's chromium)
