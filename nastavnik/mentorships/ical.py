"""iCalendar (RFC 5545) for meetings: a person's feed and single-meeting downloads, in the school's time zone."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik.mentorships.models import Meeting

PRODID = "-//Наставник//Встречи наставнических пар//RU"
# Cancelled and moved meetings stay in the feed as CANCELLED, so subscribed calendars remove them.
_STATUS = {
    Meeting.Status.PLANNED: "CONFIRMED",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.MISSED: "CANCELLED",
    Meeting.Status.CANCELLED: "CANCELLED",
    Meeting.Status.RESCHEDULED: "CANCELLED",
}


def _host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "nastavnik"


def meeting_event(meeting: Meeting) -> icalendar.Event:
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    start = meeting.scheduled_at.astimezone(tz)
    event = icalendar.Event()
    event.add("uid", f"meeting-{meeting.pk}@{_host()}")
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=meeting.duration_minutes))
    event.add("summary", f"{meeting.get_kind_display()}: {meeting.mentorship}")
    if meeting.place:
        event.add("location", meeting.place)
    lines = [meeting.get_format_display()]
    if meeting.topic:
        lines.append(_("Тема: %(t)s") % {"t": meeting.topic})
    if meeting.curator_present:
        lines.append(_("С участием куратора"))
    url = settings.SITE_URL + reverse("mentorship", args=[meeting.mentorship_id])
    lines.append(url)
    event.add("description", "\n".join(lines))
    event.add("url", url)
    event.add("status", _STATUS[meeting.status])
    event.add("sequence", 1 if meeting.status != Meeting.Status.PLANNED else 0)
    return event


def calendar_bytes(meetings: Iterable[Meeting], *, name: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    days = []
    for meeting in meetings:
        cal.add_component(meeting_event(meeting))
        days.append(meeting.scheduled_at.date())
    if days:
        # Only the rules of the years the meetings fall in: a short VTIMEZONE instead of half a century of history.
        cal.add_missing_timezones(
            first_date=dt.date(min(days).year - 1, 1, 1), last_date=dt.date(max(days).year + 2, 1, 1)
        )
    return cal.to_ical()
