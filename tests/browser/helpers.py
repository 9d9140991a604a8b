"""Plain helpers for browser tests (no fixtures, no side effects on import)."""

from playwright.sync_api import Page, expect

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def log_in(page: Page, base: str, username: str, password: str = "pass") -> None:
    """Through the login form, as a person would; waits for the menu of a logged-in user."""
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    expect(page.locator("nav.navbar")).to_contain_text("Выйти")
