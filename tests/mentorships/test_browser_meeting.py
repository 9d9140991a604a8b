"""In a real browser: the mentor schedules a regular meeting and marks it held; the mentee, on a phone-sized
screen, writes the diary. Screenshots go to /tmp/h7_*.png for a human to look at."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nastavnik.mentorships.models import Meeting, Reflection
from tests.browser.helpers import DESKTOP, PHONE, log_in
from tests.mentorships.factories import pair

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_lets_the_mentor_hold_a_meeting_and_the_mentee_write_the_diary_on_a_phone(live_server, browser):
    p = pair()
    url = f"{live_server.url}/mentorships/{p.mentorship.pk}/"
    # A meeting that began two hours ago, so it can be marked held right away.
    start = timezone.localtime() - dt.timedelta(hours=2)

    mentor = browser.new_context(viewport=DESKTOP, locale="ru-RU").new_page()
    log_in(mentor, live_server.url, p.mentor.user.username)
    mentor.goto(url)
    mentor.get_by_text("Запланировать встречу").click()
    mentor.select_option("#schedule_kind", "regular")
    mentor.fill("#schedule_day", start.date().isoformat())
    mentor.fill("#schedule_time", start.strftime("%H:%M"))
    mentor.fill("#schedule_place", "Кабинет 214")
    mentor.fill("#schedule_topic", "Разбор открытого урока")
    mentor.get_by_role("button", name="Запланировать", exact=True).click()
    expect(mentor.locator("#meetings")).to_contain_text("Встреча запланирована.")
    expect(mentor.locator("#meetings")).to_contain_text("Разбор открытого урока")
    mentor.screenshot(path="/tmp/h7_mentor_scheduled.png", full_page=True)

    mentor.get_by_text("Отметить проведённой").click()
    mentor.locator("textarea[name=notes]").fill("Разобрали урок, наметили изменения")
    mentor.get_by_role("button", name="Встреча проведена").click()
    expect(mentor.locator("#meetings")).to_contain_text("Встреча отмечена проведённой")
    expect(mentor.locator("#meetings .badge").first).to_have_text("Проведена")
    expect(mentor.locator("#diary")).to_contain_text("Ещё не заполнили")
    mentor.screenshot(path="/tmp/h7_mentor_held.png", full_page=True)
    meeting = Meeting.objects.get()
    assert meeting.status == Meeting.Status.HELD and meeting.duration_minutes == 60

    phone = browser.new_context(viewport=PHONE, locale="ru-RU", is_mobile=True, has_touch=True).new_page()
    log_in(phone, live_server.url, p.mentee.user.username)
    phone.goto(url)
    phone.screenshot(path="/tmp/h7_mentee_page.png", full_page=False)
    phone.locator("#status").get_by_role("link", name="Заполнить дневник").click()
    expect(phone.locator("h1")).to_have_text("Дневник: регулярная встреча")
    phone.get_by_text("Отчасти", exact=True).click()
    phone.locator("#id_went_well").fill("Поняли, где я теряю время на уроке")
    phone.locator("#id_feeling").fill("Спокойно и уверенно")
    phone.locator("#id_todo_next").fill("Переписать план урока")
    phone.screenshot(path="/tmp/h7_mentee_diary.png", full_page=True)
    phone.get_by_role("button", name="Сохранить дневник").click()
    expect(phone.locator(".alert-success")).to_contain_text("Дневник встречи сохранён")
    phone.locator("#diary").scroll_into_view_if_needed()
    phone.screenshot(path="/tmp/h7_mentee_done.png", full_page=False)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "no sideways scrolling"

    reflection = Reflection.objects.get()
    assert reflection.person == p.mentee and reflection.meeting == meeting
