"""In a real browser (issue 10 §4): a pair is confirmed only when both sides say in the acquaintance diary that they
are ready to work together; planning a meeting past the two-week rule warns and lets the planner go on.
Screenshots go to /tmp/cycle_*.png for a human to look at."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nastavnik.mentorships.models import Meeting, Mentorship
from tests.browser.helpers import DESKTOP, PHONE, log_in
from tests.mentorships.factories import held, pair

pytestmark = pytest.mark.django_db(transaction=True)


def _diary_ready(page, url: str) -> None:
    page.goto(url)
    page.locator("#status").get_by_role("link", name="Заполнить дневник").click()
    expect(page.locator("h1")).to_have_text("Дневник: встреча-знакомство")
    page.get_by_text("Да", exact=True).click()
    page.locator("#id_first_goal").fill("Разобрать один урок")
    page.locator("#id_feeling").fill("Спокойно")
    page.get_by_role("button", name="Сохранить дневник").click()
    expect(page.locator(".alert-success")).to_contain_text("Дневник встречи сохранён")


def test_a_pair_is_confirmed_when_both_sides_answer_ready(live_server, browser):
    p = pair(status=Mentorship.Status.PROPOSED, starts_on=timezone.localdate() - dt.timedelta(days=1))
    url = f"{live_server.url}/mentorships/{p.mentorship.pk}/"
    start = timezone.localtime() - dt.timedelta(hours=2)

    curator = browser.new_context(viewport=DESKTOP, locale="ru-RU").new_page()
    log_in(curator, live_server.url, p.curator.user.username)
    curator.goto(url)
    curator.get_by_text("Запланировать встречу").click()
    curator.select_option("#schedule_kind", "acquaintance")
    curator.fill("#schedule_day", start.date().isoformat())
    curator.fill("#schedule_time", start.strftime("%H:%M"))
    curator.get_by_role("button", name="Запланировать", exact=True).click()
    expect(curator.locator("#meetings")).to_contain_text("Встреча запланирована.")
    curator.get_by_text("Отметить проведённой").click()
    curator.get_by_role("button", name="Встреча проведена").click()
    expect(curator.locator("#meetings .badge").first).to_have_text("Проведена")
    # Holding the acquaintance is not enough: the header still says «Предложена» and lists who has to answer.
    expect(curator.locator("#header")).to_contain_text("Предложена")
    expect(curator.locator("#header")).to_contain_text("ответа пока нет")

    mentor = browser.new_context(viewport=DESKTOP, locale="ru-RU").new_page()
    log_in(mentor, live_server.url, p.mentor.user.username)
    _diary_ready(mentor, url)
    expect(mentor.locator("#header")).to_contain_text("Предложена")
    expect(mentor.locator("#header")).to_contain_text("готов(а) работать")
    mentor.screenshot(path="/tmp/cycle_pair_waiting.png", full_page=True)
    assert Mentorship.objects.get().status == Mentorship.Status.PROPOSED

    phone = browser.new_context(viewport=PHONE, locale="ru-RU", is_mobile=True, has_touch=True).new_page()
    log_in(phone, live_server.url, p.mentee.user.username)
    _diary_ready(phone, url)
    expect(phone.locator("#header")).to_contain_text("Подтверждена после знакомства")
    phone.screenshot(path="/tmp/cycle_pair_confirmed_phone.png", full_page=False)
    assert Mentorship.objects.get().status == Mentorship.Status.CONFIRMED


def test_planning_past_the_interval_warns_and_lets_the_planner_go_on(live_server, browser):
    p = pair(starts_on=timezone.localdate() - dt.timedelta(days=5))
    held(p.mentorship, timezone.localdate() - dt.timedelta(days=1))
    url = f"{live_server.url}/mentorships/{p.mentorship.pk}/"
    late = timezone.localdate() + dt.timedelta(days=22)

    page = browser.new_context(viewport=PHONE, locale="ru-RU", is_mobile=True, has_touch=True).new_page()
    log_in(page, live_server.url, p.mentor.user.username)
    page.goto(url)
    page.get_by_text("Запланировать встречу").click()
    page.select_option("#schedule_kind", "regular")
    page.fill("#schedule_day", late.isoformat())
    page.fill("#schedule_time", "16:00")
    page.get_by_role("button", name="Запланировать", exact=True).click()
    expect(page.locator("#meetings")).to_contain_text("а встречи проводятся не реже раза в 14 дней")
    page.screenshot(path="/tmp/cycle_interval_warning_phone.png", full_page=False)
    assert not Meeting.objects.filter(status=Meeting.Status.PLANNED).exists()
    page.get_by_label("Всё равно запланировать на эту дату").check()
    page.get_by_role("button", name="Запланировать", exact=True).click()
    expect(page.locator("#meetings")).to_contain_text("Встреча запланирована.")
    assert Meeting.objects.filter(status=Meeting.Status.PLANNED).count() == 1
