"""In a real browser: the curator runs Mentor Match from a new session to the order approving the pairs, and a
participant fills the preference card on a phone by the personal link. Screenshots go to /tmp/h9_*.png."""

import datetime as dt
import io
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import expect

from nastavnik.documents.services import order_sign
from nastavnik.matching.models import MatchSession, PairDecision, Side
from nastavnik.mentorships.models import Mentorship
from tests.browser.helpers import DESKTOP, PHONE, log_in
from tests.matching.conftest import make_world

pytestmark = pytest.mark.django_db(transaction=True)


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_it_takes_the_curator_from_a_session_to_the_order(live_server, browser):
    world = make_world(mentors=3, mentees=4)
    base = live_server.url
    page = browser.new_context(viewport=DESKTOP, locale="ru-RU").new_page()
    log_in(page, base, world.curator.user.username)

    # A new session.
    page.goto(f"{base}/matching/{world.org.code}/")
    page.select_option("#id_program", str(world.program.pk))
    page.fill("#id_date", "2026-11-30")
    page.fill("#id_start_time", "15:00")
    page.fill("#id_minutes_per_round", "7")
    page.get_by_role("button", name="Создать сессию").click()
    expect(page.locator("h1")).to_have_text("Mentor Match 30.11.2026")

    # Participants: everybody offered.
    for box in page.locator("#pick-mentors input[type=checkbox], #pick-mentees input[type=checkbox]").all():
        box.check()
    page.screenshot(path="/tmp/h9_participants.png", full_page=True)
    page.get_by_role("button", name="Сохранить участников и составить ротацию").click()

    # The timetable: 4 rounds at 3 tables, a mentee resting each round.
    expect(page.locator("#rotation-summary")).to_contain_text("Раундов: 4, столов: 3")
    expect(page.locator(".round")).to_have_count(4)
    expect(page.locator(".round").first).to_contain_text("Перерыв")
    page.screenshot(path="/tmp/h9_rotation.png", full_page=True)
    with page.context.expect_page() as printed:
        page.get_by_role("link", name="Версия для печати").click()
    printed.value.wait_for_load_state()
    printed.value.emulate_media(media="print")
    printed.value.screenshot(path="/tmp/h9_rotation_print.png", full_page=True)
    printed.value.close()

    # Cards: the curator types in two paper cards.
    session = MatchSession.objects.get()
    page.get_by_role("link", name="Дальше: карточки предпочтений").click()
    mentee_card = session.cards.get(side=Side.MENTEE, session_mentee__request=world.mentees[3])
    mentors = list(session.mentors.order_by("position"))
    page.locator(f"#card-{mentee_card.pk}").get_by_role("link", name="Внести с бумаги").click()
    page.select_option(f"#id_o_{mentors[2].pk}", "1")
    page.select_option(f"#id_o_{mentors[0].pk}", "no")
    page.get_by_role("button", name="Сохранить карточку").click()
    expect(page.locator("#cards-summary")).to_contain_text("Заполнено карточек: 1 из 7.")
    page.screenshot(path="/tmp/h9_cards.png", full_page=True)

    # A mentee fills the card on a phone by the personal link.
    phone_card = session.cards.get(side=Side.MENTEE, session_mentee__request=world.mentees[0])
    phone = browser.new_context(viewport=PHONE, locale="ru-RU", is_mobile=True, has_touch=True).new_page()
    phone.goto(f"{base}/card/{phone_card.token}/")
    expect(phone.locator("h1")).to_have_text("Карточка предпочтений")
    phone.select_option(f"#id_o_{mentors[1].pk}", "1")
    phone.select_option(f"#id_o_{mentors[0].pk}", "2")
    phone.screenshot(path="/tmp/h9_card_phone.png", full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "no sideways scrolling"
    phone.get_by_role("button", name="Отправить карточку").click()
    expect(phone.locator("h1")).to_have_text("Спасибо!")

    # Both proposals side by side.
    page.goto(f"{base}/matching/sessions/{session.pk}/proposals/")
    page.get_by_role("button", name="Рассчитать предложения пар").click()
    expect(page.locator("#proposal-welfare .pair")).to_have_count(3)
    expect(page.locator("#proposal-stable .pair")).to_have_count(3)
    expect(page.locator("#metrics")).to_contain_text("Доля наставляемых с парой")
    expect(page.locator("#proposal-stable .unmatched")).to_contain_text("заняты")
    page.screenshot(path="/tmp/h9_proposals.png", full_page=True)

    # Lock the first welfare pair, then assign the mentee left over to another mentor by hand (HTMX: no reload).
    page.evaluate("window.__marker = 1")
    first = page.locator("#proposal-welfare .pair").first
    first.get_by_role("button", name="Закрепить").click()
    expect(page.locator("#proposals .alert-success")).to_contain_text("закреплена")
    lock = PairDecision.objects.get()
    expect(page.locator(f"#proposal-stable .pair[data-mentee='{lock.mentee_id}']")).to_contain_text("закреплена")
    left = page.locator("#proposal-welfare .unmatched li").first
    left.locator("select[name=mentor]").select_option(str(mentors[1].pk))
    left.get_by_role("button", name="Назначить").click()
    expect(page.locator("#proposals .alert-success")).to_contain_text("назначен наставник")
    assigned = PairDecision.objects.get(by_hand=True)
    expect(page.locator(f"#proposal-welfare .pair[data-mentee='{assigned.mentee_id}']")).to_contain_text(
        "назначена вручную"
    )
    assert page.evaluate("window.__marker") == 1
    page.screenshot(path="/tmp/h9_locked.png", full_page=True)

    # Confirm the welfare proposal and issue the order.
    page.locator("#proposal-welfare").get_by_role("button", name="Утвердить это предложение").click()
    expect(page.locator("#mentorships tbody tr")).to_have_count(3)
    assert {m.status for m in Mentorship.objects.all()} == {"proposed"}
    page.fill("#id_date", "2026-12-01")
    # No acquaintance held yet: each pair goes into the order only as an exception the curator ticks.
    for box in page.locator("input[name=mentorships]").all():
        box.check()
    page.get_by_role("button", name="Передать приказ на подпись").click()
    expect(page.locator(".alert-danger")).to_contain_text("не подтверждена встречей-знакомством")
    for box in page.locator("input[name=mentorships]").all() + page.locator("#exceptions input").all():
        box.check()
    page.get_by_role("button", name="Передать приказ на подпись").click()
    expect(page.locator("#orders")).to_contain_text("Проект: ждёт подписи")
    assert {m.status for m in Mentorship.objects.all()} == {"proposed"}
    # The director signs (their side is tested in tests/documents/test_browser_sign.py); the curator sees it.
    order_sign(order=session.orders.get(), date=dt.date(2026, 12, 1))
    page.reload()
    expect(page.locator("#orders")).to_contain_text("01.12.2026")
    expect(page.locator("#mentorships")).to_contain_text("Утверждена приказом")
    page.screenshot(path="/tmp/h9_order.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="открыть").click()
        page.get_by_role("link", name="Скачать DOCX").click()
    text = _docx_text(Path(download.value.path()).read_bytes())
    order = session.orders.get()
    assert f"№ {order.display_number}" in text and "«1» декабря 2026 г." in text
    for decision in PairDecision.objects.select_related("mentor__person", "mentee__person"):
        pair = Mentorship.objects.get(mentee=decision.mentee.person)
        assert pair.mentor == decision.mentor.person
        assert decision.mentor.person.short_name in text and decision.mentee.person.short_name in text

    # The same screen on a phone: readable without sideways scrolling.
    small = browser.new_context(viewport=PHONE, locale="ru-RU", is_mobile=True, has_touch=True).new_page()
    log_in(small, base, world.curator.user.username)
    small.goto(f"{base}/matching/sessions/{session.pk}/proposals/")
    small.screenshot(path="/tmp/h9_proposals_phone.png", full_page=True)
    small.goto(f"{base}/matching/sessions/{session.pk}/rotation/")
    small.screenshot(path="/tmp/h9_rotation_phone.png", full_page=True)
    assert small.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
