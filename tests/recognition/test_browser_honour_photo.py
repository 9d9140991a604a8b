"""In a real browser: the curator uploads an honour-board photo (a non-image is refused), the public page shows it
while the mentor's consent covers photos, and after the photo category is withdrawn the picture is gone — from the
page and from its address. Screenshots go to /tmp/recog_honour_*.png."""

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from nastavnik.orgs.models import Role
from nastavnik.privacy.models import Consent
from nastavnik.recognition import services
from tests.browser.helpers import DESKTOP, PHONE, log_in
from tests.factories import OrganizationFactory, PersonFactory, person_with_login
from tests.recognition.factories import publication_consent

pytestmark = pytest.mark.django_db(transaction=True)
C = Consent.PublishCategory


def _png(path) -> str:
    Image.new("RGB", (320, 400), (40, 110, 180)).save(path, format="PNG")
    return str(path)


def test_an_honour_photo_is_public_only_while_the_consent_covers_it(live_server, browser, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    org = OrganizationFactory(code="photo7")
    mentor = PersonFactory(organization=org, last_name="Светлова", first_name="Ирина", middle_name="Игоревна")
    consent = publication_consent(mentor, C.NAME, C.POSITION, C.PHOTO)
    services.honour_add(organization=org, person=mentor, year=timezone.localdate().year, title="Наставник года")
    curator = person_with_login(role=Role.CURATOR, organization=org)
    fake = tmp_path / "not-a-photo.jpg"
    fake.write_bytes(b"%PDF-1.4 this is not a picture")

    staff = browser.new_context(viewport=DESKTOP, locale="ru-RU").new_page()
    log_in(staff, live_server.url, curator.user.username)
    staff.goto(f"{live_server.url}/recognition/{org.code}/honour/")
    staff.get_by_label("Фотография: Светлова И.").set_input_files(str(fake))
    staff.get_by_role("button", name="Загрузить").click()
    expect(staff.get_by_role("alert")).to_contain_text("изображение")  # refused, with the reason in Russian
    staff.get_by_label("Фотография: Светлова И.").set_input_files(_png(tmp_path / "face.png"))
    staff.get_by_role("button", name="Загрузить").click()
    expect(staff.locator("body")).to_contain_text(f"{mentor.short_name}: фотография загружена.")
    expect(staff.locator("body")).to_contain_text("фото публикуется")
    staff.screenshot(path="/tmp/recog_honour_staff_desktop.png", full_page=True)

    visitor = browser.new_context(viewport=PHONE, locale="ru-RU", java_script_enabled=False).new_page()
    visitor.goto(f"{live_server.url}/p/{org.code}/")
    photo = visitor.get_by_role("img", name="Светлова Ирина")
    expect(photo).to_be_visible()
    source = photo.get_attribute("src")
    assert visitor.request.get(f"{live_server.url}{source}").status == 200
    visitor.screenshot(path="/tmp/recog_honour_public_phone.png", full_page=False)

    # The mentor withdraws the photo category: the consent is withdrawn and a narrower one (name only) signed.
    staff.goto(f"{live_server.url}/privacy/person/{mentor.pk}/consents/")
    staff.get_by_role("link", name="Отозвать").first.click()
    staff.get_by_label("Подтверждаю отзыв согласия").check()
    staff.get_by_role("button", name="Отозвать согласие").click()
    assert Consent.objects.get(pk=consent.pk).withdrawn_at is not None
    publication_consent(mentor, C.NAME, C.POSITION)

    visitor.goto(f"{live_server.url}/p/{org.code}/")
    expect(visitor.get_by_text("Светлова Ирина")).to_be_visible()  # still on the board, by name
    expect(visitor.get_by_role("img", name="Светлова Ирина")).to_have_count(0)
    assert visitor.request.get(f"{live_server.url}{source}").status == 404  # the file is not served any more
    visitor.screenshot(path="/tmp/recog_honour_public_after_phone.png", full_page=False)
