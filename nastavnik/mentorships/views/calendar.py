"""«Мой календарь»: the person's meetings, the secret iCalendar feed URL, and the feed itself."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nastavnik import policy
from nastavnik.mentorships import selectors, services
from nastavnik.mentorships.ical import calendar_bytes
from nastavnik.mentorships.models import CalendarToken
from nastavnik.pagecache import kept_page


def _me(request: HttpRequest):
    person = policy.own_person(request.user)
    if person is None:
        # A login without a person record (an administrator) has no meetings of their own.
        raise Http404(_("Страница не найдена"))
    return person


@login_required
@require_GET
@kept_page
def my_calendar(request: HttpRequest) -> HttpResponse:
    """Reading the page changes nothing: the secret link is made only when the person asks for it (POST)."""
    person = _me(request)
    token = CalendarToken.objects.filter(person=person).first()
    context = {"meetings": selectors.upcoming_meetings(person=person, now=timezone.now()), "has_feed": bool(token)}
    if token:
        feed_url = request.build_absolute_uri(reverse("calendar_feed", args=[token.token]))
        context["feed_url"] = feed_url
        context["webcal_url"] = feed_url.replace("https://", "webcal://").replace("http://", "webcal://")
    return render(request, "mentorships/calendar.html", context)


@login_required
@require_POST
def calendar_rotate(request: HttpRequest) -> HttpResponse:
    """Make the link (the first time) or a new one in place of the old."""
    person = _me(request)
    if CalendarToken.objects.filter(person=person).exists():
        services.calendar_token_rotate(person=person)
        messages.success(request, _("Создана новая ссылка. Старая больше не работает: обновите подписку в календаре."))
    else:
        services.calendar_token_ensure(person=person)
        messages.success(request, _("Ссылка для подписки создана."))
    return redirect("my_calendar")


@policy.public
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No login: calendar apps cannot log in. The unguessable token is the key; a wrong one is a plain 404."""
    found = CalendarToken.objects.select_related("person").filter(token=token).first()
    if found is None or found.person.anonymised_at is not None:
        raise Http404(_("Страница не найдена"))
    meetings = selectors.calendar_meetings(person=found.person)
    body = calendar_bytes(meetings, name=_("Наставничество: встречи"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
