"""In a real browser: the curator prepares a draft order, the director signs it, and only then it has a number."""

import io
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import expect

from nastavnik.documents.models import Order
from nastavnik.orgs.models import Role
from tests.browser.helpers import DESKTOP, PHONE, log_in
from tests.documents.factories import school_with_director
from tests.factories import person_with_login

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_curator_prepares_and_the_director_signs(live_server, browser, screenshot_dir):
    org, director = school_with_director()
    curator = person_with_login(role=Role.CURATOR, organization=org, last_name="Сомова", first_name="Ксения")
    base = live_server.url

    # The curator prepares the order «О проведении итогового мероприятия».
    page = browser.new_context(viewport=DESKTOP, locale="ru-RU").new_page()
    log_in(page, base, curator.user.username)
    page.goto(f"{base}/documents/{org.code}/")
    page.get_by_role("link", name="О проведении итогового мероприятия").click()
    page.get_by_role("button", name="Передать на подпись").click()
    expect(page.locator("#order-status")).to_have_text("Проект: ждёт подписи")
    expect(page.get_by_role("button", name="Подписать")).to_have_count(0)
    draft = Order.objects.get()
    assert draft.number is None
    page.goto(f"{base}/documents/{org.code}/")
    expect(page.locator("#register-table")).to_contain_text("Проект: ждёт подписи")
    page.context.close()

    # The director sees it on the home page and signs it with a comment.
    page = browser.new_context(viewport=DESKTOP, locale="ru-RU").new_page()
    log_in(page, base, director.user.username)
    expect(page.locator("#drafts-waiting")).to_contain_text("1 проект приказа ждёт вашей подписи")
    page.locator("#drafts-waiting").get_by_role("link").first.click()
    page.fill("#id_comment", "Согласовано")
    if screenshot_dir:
        page.screenshot(path=str(screenshot_dir / "order_sign_desktop.png"), full_page=True)
    page.get_by_role("button", name="Подписать").click()
    expect(page.locator(".alert-success")).to_contain_text("Приказ подписан: № 1-н")
    expect(page.locator("#order-status")).to_have_text("Подписан")
    expect(page.locator("h1")).to_contain_text("Приказ № 1-н от")
    with page.expect_download() as download:
        page.get_by_role("link", name="Скачать DOCX").click()
    text = "\n".join(p.text for p in Document(io.BytesIO(Path(download.value.path()).read_bytes())).paragraphs)
    assert "№ 1-н" in text and "ПРОЕКТ" not in text and "Л. М. Гроздева" in text
    page.goto(base + "/")
    expect(page.locator("#drafts-waiting")).to_have_count(0)
    page.context.close()

    # The curator finds the number in the register, on a phone.
    page = browser.new_context(viewport=PHONE, locale="ru-RU").new_page()
    log_in(page, base, curator.user.username)
    page.goto(f"{base}/documents/{org.code}/")
    expect(page.locator("#register-table")).to_contain_text("1-н")
    if screenshot_dir:
        page.screenshot(path=str(screenshot_dir / "order_register_phone.png"), full_page=True)
    page.context.close()
