"""iCalendar: the person's feed at a secret URL and the download of one meeting, read back with icalendar."""

import datetime as dt

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from nastavnik.mentorships import services
from nastavnik.mentorships.models import CalendarToken, Meeting
from tests.factories import MeetingFactory
from tests.mentorships.factories import at, pair

pytestmark = pytest.mark.django_db

DAY = timezone.localdate() + dt.timedelta(days=2)


def _events(body: bytes) -> list:
    return list(icalendar.Calendar.from_ical(body).walk("VEVENT"))


def test_it_serves_the_persons_meetings_in_moscow_time_at_a_secret_url(client):
    p = pair()
    MeetingFactory(mentorship=p.mentorship, scheduled_at=at(DAY, 15, 30), topic="Разбор урока", place="Каб. 21")
    MeetingFactory(
        mentorship=p.mentorship,
        kind="planning",
        scheduled_at=at(DAY + dt.timedelta(days=7), 16),
        duration_minutes=90,
        status=Meeting.Status.CANCELLED,
    )
    MeetingFactory(mentorship=pair().mentorship, scheduled_at=at(DAY, 10))  # somebody else's
    token = services.calendar_token_ensure(person=p.mentee).token
    response = client.get(reverse("calendar_feed", args=[token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = sorted(_events(response.content), key=lambda e: e.decoded("dtstart"))
    assert len(events) == 2
    first = events[0]
    start = first.decoded("dtstart")
    assert (start.hour, start.minute) == (15, 30)
    assert str(start.tzinfo) == "Europe/Moscow"
    assert first.decoded("dtend") - start == dt.timedelta(minutes=60)
    assert "Регулярная встреча" in str(first["summary"]) and str(first["location"]) == "Каб. 21"
    assert str(events[1]["status"]) == "CANCELLED", "calendars drop cancelled meetings"
    cal = icalendar.Calendar.from_ical(response.content)
    assert any(str(tz["tzid"]) == "Europe/Moscow" for tz in cal.walk("VTIMEZONE"))


def test_it_includes_the_curators_meetings_where_the_curator_attends(client):
    p = pair()
    MeetingFactory(
        mentorship=p.mentorship, kind="acquaintance", duration_minutes=40, curator_present=True, scheduled_at=at(DAY)
    )
    MeetingFactory(mentorship=p.mentorship, scheduled_at=at(DAY, 17))
    token = services.calendar_token_ensure(person=p.curator).token
    events = _events(client.get(reverse("calendar_feed", args=[token])).content)
    assert [str(e["summary"]).split(":")[0] for e in events] == ["Встреча-знакомство"]


def test_it_answers_404_to_a_wrong_or_rotated_token(client):
    p = pair()
    assert client.get(reverse("calendar_feed", args=["not-a-token"])).status_code == 404
    old = services.calendar_token_ensure(person=p.mentor).token
    new = services.calendar_token_rotate(person=p.mentor).token
    assert new != old
    assert client.get(reverse("calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("calendar_feed", args=[new])).status_code == 200


def test_it_downloads_one_meeting_as_ics_for_those_who_see_the_pair(client):
    p = pair()
    meeting = MeetingFactory(mentorship=p.mentorship, scheduled_at=at(DAY, 9))
    url = reverse("meeting_ics", args=[meeting.pk])
    client.force_login(p.mentor.user)
    [event] = _events(client.get(url).content)
    assert event.decoded("dtstart") == at(DAY, 9)
    assert str(event["uid"]).startswith(f"meeting-{meeting.pk}@")
    client.force_login(pair().mentor.user)
    assert client.get(url).status_code == 404


def test_it_shows_my_calendar_page_with_the_feed_link(client):
    p = pair()
    MeetingFactory(mentorship=p.mentorship, scheduled_at=at(DAY, 9))
    client.force_login(p.mentee.user)
    page = client.get(reverse("my_calendar")).content.decode()
    # Reading the page writes nothing: the link is made on request (POST).
    assert not CalendarToken.objects.filter(person=p.mentee).exists()
    assert "Получить ссылку для подписки" in page
    client.post(reverse("calendar_rotate"))
    page = client.get(reverse("my_calendar")).content.decode()
    token = CalendarToken.objects.get(person=p.mentee).token
    assert f"/mentorships/calendar/{token}.ics" in page and "webcal://" in page
    assert reverse("meeting_ics", args=[p.mentorship.meetings.get().pk]) in page
    client.post(reverse("calendar_rotate"))
    assert CalendarToken.objects.get(person=p.mentee).token != token
