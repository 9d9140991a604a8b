"""A real browser: the director sets a password by the invitation link and signs in; a pupil signs in with the
password from a slip and must choose their own before anything else."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from nastavnik.accounts import services
from tests.accounts.factories import pupil_with_consent
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import OrganizationFactory

NEW_PASSWORD = "Kedr-Sosna-2026!"


@pytest.fixture
def page(browser, browser_context_args):
    context = browser.new_context(**browser_context_args)
    yield context.new_page()
    context.close()


def _sign_in(page: Page, base: str, login: str, password: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("Имя пользователя").fill(login)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("button", name="Войти").click()


def _set_password(page: Page) -> None:
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Сохранить пароль").click()


def test_director_sets_a_password_by_the_link_and_signs_in(transactional_db, live_server, page, capsys, settings,
                                                           screenshot_dir):
    settings.SITE_URL = live_server.url
    call_command(
        "create_org", "school7", "--name", "Муниципальное бюджетное общеобразовательное учреждение «Школа № 7»",
        "--short", "Школа № 7", "--kind", "school", "--municipality", "Городской округ Вымышленный",
        "--director", "Берестов Игорь Павлович", "--email", "director@school7.example",
    )
    link = re.search(r"(http://\S+/accounts/set/\S+/)", capsys.readouterr().out).group(1)
    page.set_viewport_size(DESKTOP)
    page.goto(link)
    expect(page.get_by_role("heading", name="Задайте пароль")).to_be_visible()
    if screenshot_dir:
        page.screenshot(path=screenshot_dir / "accounts-set-password.png", full_page=True)
    _set_password(page)
    expect(page.get_by_role("heading", name="Пароль сохранён")).to_be_visible()
    _sign_in(page, live_server.url, "berestov.ip", NEW_PASSWORD)
    expect(page.locator("nav")).to_contain_text("Выйти")
    expect(page.locator("main")).to_contain_text("Школа № 7")


def test_pupil_signs_in_with_the_slip_and_must_change_the_password(transactional_db, live_server, page,
                                                                    screenshot_dir):
    pupil = pupil_with_consent(organization=OrganizationFactory())
    slip = services.account_issue_slips(people=[pupil])[0]
    page.set_viewport_size(PHONE)
    _sign_in(page, live_server.url, slip.login, slip.password)
    expect(page.get_by_role("heading", name="Придумайте свой пароль")).to_be_visible()
    if screenshot_dir:
        page.screenshot(path=screenshot_dir / "accounts-first-password-phone.png", full_page=True)
    page.goto(f"{live_server.url}/mentorships/")
    expect(page.get_by_role("heading", name="Придумайте свой пароль")).to_be_visible()
    _set_password(page)
    expect(page.locator("main")).to_contain_text("Пароль сохранён")
    page.goto(f"{live_server.url}/mentorships/")
    expect(page.get_by_role("heading", name="Придумайте свой пароль")).to_have_count(0)
