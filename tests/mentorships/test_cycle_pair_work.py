"""Issue 10 §4: the pair's work as the first cycle's users met it — each test failed before its fix."""

import datetime as dt

import pytest
from django.core import mail  # noqa: F401  (locmem backend is the real mail path in tests)
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from nastavnik.intake.models import MenteeRequest
from nastavnik.mentorships import rules, services
from nastavnik.mentorships.models import ChangeRequest, Meeting, Mentorship, Wish
from tests.mentorships.factories import at, held, pair

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
READY_YES = {"ready": True, "first_goal": "Разобрать один урок", "feeling": "Спокойно"}
READY_NO = {"ready": False, "first_goal": "—", "feeling": "Неуверенно"}


def _acquaintance(p) -> Meeting:
    meeting = services.meeting_schedule(mentorship=p.mentorship, kind="acquaintance", scheduled_at=at(TODAY, 0, 5))
    services.meeting_hold(meeting=meeting, now=at(TODAY, 1))
    return meeting


# --- confirmation needs both sides' answers ---------------------------------------------------------------------


def test_it_confirms_a_pair_only_when_both_sides_answer_that_they_are_ready():
    p = pair(status=Mentorship.Status.PROPOSED)
    meeting = _acquaintance(p)
    services.reflection_submit(meeting=meeting, person=p.mentor, answers=READY_YES)
    p.mentorship.refresh_from_db()
    assert p.mentorship.status == Mentorship.Status.PROPOSED, "the mentee has not answered yet"
    services.reflection_submit(meeting=meeting, person=p.mentee, answers=READY_YES)
    p.mentorship.refresh_from_db()
    assert p.mentorship.status == Mentorship.Status.CONFIRMED


def test_it_keeps_the_pair_proposed_when_one_side_is_not_ready():
    p = pair(status=Mentorship.Status.PROPOSED)
    meeting = _acquaintance(p)
    services.reflection_submit(meeting=meeting, person=p.mentor, answers=READY_YES)
    services.reflection_submit(meeting=meeting, person=p.mentee, answers=READY_NO)
    p.mentorship.refresh_from_db()
    assert p.mentorship.status == Mentorship.Status.PROPOSED
    readiness = services.acquaintance_readiness(meeting=meeting)
    assert [a for _p, a in readiness["mentee"]] == [False]


def test_the_rule_needs_an_answer_from_each_side():
    assert rules.acquaintance_confirmed(answers={"mentor": [True], "mentee": [True]})
    assert not rules.acquaintance_confirmed(answers={"mentor": [True], "mentee": [None]})
    assert not rules.acquaintance_confirmed(answers={"mentor": [True], "mentee": []})
    assert not rules.acquaintance_confirmed(answers={"mentor": [True, False], "mentee": [True]})


# --- wishes belong to the mentee ----------------------------------------------------------------------------------


def test_a_wish_typed_by_the_mentor_is_filed_under_the_mentee(client):
    p = pair()
    client.force_login(p.mentor.user)
    response = client.post(reverse("wish_add", args=[p.mentorship.pk]), {"text": "Уверенно вести урок"})
    assert response.status_code == 302
    wish = Wish.objects.get()
    assert wish.person == p.mentee
    with pytest.raises(ValidationError, match="наставляемого"):
        services.wish_add(mentorship=p.mentorship, person=p.mentor, text="Желание наставника")


# --- overlapping meetings and the two-week rule -------------------------------------------------------------------


def test_it_refuses_overlapping_meetings_of_one_pair():
    p = pair()
    day = TODAY + dt.timedelta(days=2)
    services.meeting_schedule(mentorship=p.mentorship, kind="regular", scheduled_at=at(day, 20, 30))
    with pytest.raises(ValidationError, match="уже есть встреча"):
        services.meeting_schedule(mentorship=p.mentorship, kind="regular", scheduled_at=at(day, 20, 45))
    # Back to back is fine.
    services.meeting_schedule(mentorship=p.mentorship, kind="regular", scheduled_at=at(day, 21, 30))
    assert Meeting.objects.count() == 2


def test_it_refuses_to_reschedule_onto_another_meeting():
    p = pair()
    day = TODAY + dt.timedelta(days=3)
    services.meeting_schedule(mentorship=p.mentorship, kind="regular", scheduled_at=at(day, 15))
    other = services.meeting_schedule(mentorship=p.mentorship, kind="regular", scheduled_at=at(day, 18))
    with pytest.raises(ValidationError, match="уже есть встреча"):
        services.meeting_reschedule(meeting=other, scheduled_at=at(day, 15, 30))


def test_it_warns_when_planning_past_the_interval_and_goes_on_when_asked():
    p = pair(starts_on=TODAY - dt.timedelta(days=5))
    held(p.mentorship, TODAY - dt.timedelta(days=1))
    late = at(TODAY + dt.timedelta(days=21))
    with pytest.raises(ValidationError) as exc:
        services.meeting_schedule(mentorship=p.mentorship, kind="regular", scheduled_at=late)
    assert exc.value.error_list[0].code == "interval_gap"
    assert "а встречи проводятся не реже раза в 14 дней." in exc.value.messages[0]
    assert Meeting.objects.filter(status=Meeting.Status.PLANNED).count() == 0
    services.meeting_schedule(mentorship=p.mentorship, kind="regular", scheduled_at=late, accept_gap=True)
    assert Meeting.objects.filter(status=Meeting.Status.PLANNED).count() == 1


@pytest.mark.parametrize(("interval", "rule"), [(21, "не реже раза в 21 день"), (3, "не реже раза в 3 дня")])
def test_the_interval_warning_says_the_gap_and_the_rule_in_full_words(interval, rule):
    p = pair(starts_on=TODAY - dt.timedelta(days=5), interval=interval)
    held(p.mentorship, TODAY - dt.timedelta(days=1))
    late = TODAY + dt.timedelta(days=interval + 5)
    with pytest.raises(ValidationError) as exc:
        services.meeting_schedule(mentorship=p.mentorship, kind="regular", scheduled_at=at(late))
    assert exc.value.messages[0] == (
        f"Перерыв между встречами — {interval + 5} дней: от сегодняшнего дня ({TODAY:%d.%m.%Y}) до {late:%d.%m.%Y}, "
        f"а встречи проводятся {rule}. Выберите дату раньше или подтвердите, что планируете встречу всё равно."
    )


def test_the_planning_form_offers_to_go_on_after_the_warning(client):
    p = pair(starts_on=TODAY - dt.timedelta(days=5))
    held(p.mentorship, TODAY - dt.timedelta(days=1))
    client.force_login(p.mentor.user)
    late = TODAY + dt.timedelta(days=22)
    data = {"kind": "regular", "day": late.isoformat(), "time": "15:00", "format": "in_person"}
    url = reverse("meeting_schedule", args=[p.mentorship.pk])
    page = client.post(url, data).content.decode()
    assert "не реже раза в 14 дней" in page and 'name="accept_gap"' in page
    assert not Meeting.objects.filter(status=Meeting.Status.PLANNED).exists()
    client.post(url, data | {"accept_gap": "on"})
    assert Meeting.objects.filter(status=Meeting.Status.PLANNED).count() == 1


# --- completion before the programme's minimum duration ---------------------------------------------------------


def test_closing_before_three_months_is_a_premature_closure_with_a_reason():
    p = pair(starts_on=TODAY - dt.timedelta(days=1))
    final = services.meeting_schedule(mentorship=p.mentorship, kind="final", scheduled_at=at(TODAY, 0, 5))
    services.meeting_hold(meeting=final, now=at(TODAY, 2))
    with pytest.raises(ValidationError, match="досрочное"):
        services.mentorship_complete(mentorship=p.mentorship, on=TODAY)
    p.mentorship.refresh_from_db()
    assert p.mentorship.status == Mentorship.Status.APPROVED
    services.mentorship_complete(mentorship=p.mentorship, on=TODAY, reason="Наставляемый переехал")
    p.mentorship.refresh_from_db()
    assert p.mentorship.status == Mentorship.Status.TERMINATED
    assert "Наставляемый переехал" in p.mentorship.end_reason


def test_the_minimum_duration_is_the_programmes_setting():
    p = pair(starts_on=TODAY - dt.timedelta(days=40))
    program = p.mentorship.program
    assert program.min_duration_months == rules.DEFAULT_MIN_DURATION_MONTHS == 3
    program.min_duration_months = 1
    program.save()
    final = services.meeting_schedule(mentorship=p.mentorship, kind="final", scheduled_at=at(TODAY, 0, 5))
    services.meeting_hold(meeting=final, now=at(TODAY, 2))
    services.mentorship_complete(mentorship=p.mentorship, on=TODAY)
    p.mentorship.refresh_from_db()
    assert p.mentorship.status == Mentorship.Status.COMPLETED


def test_the_request_is_closed_when_the_pair_completes():
    from tests.intake.factories import MenteeRequestFactory

    p = pair(starts_on=TODAY - dt.timedelta(days=120))
    request = MenteeRequestFactory(
        person=p.mentee, organization=p.mentorship.program.organization, status=MenteeRequest.Status.MATCHED
    )
    final = services.meeting_schedule(mentorship=p.mentorship, kind="final", scheduled_at=at(TODAY, 0, 5))
    services.meeting_hold(meeting=final, now=at(TODAY, 2))
    services.mentorship_complete(mentorship=p.mentorship, on=TODAY)
    request.refresh_from_db()
    assert request.status == MenteeRequest.Status.CLOSED


# --- a change of mentor -------------------------------------------------------------------------------------------


def test_the_mentor_does_not_read_the_mentees_reason(client):
    p = pair()
    services.change_request_create(
        mentorship=p.mentorship, requested_by=p.mentee, subject=p.mentee, side="mentee", reason="Наставник грубит"
    )
    url = reverse("mentorship", args=[p.mentorship.pk])
    client.force_login(p.mentor.user)
    page = client.get(url).content.decode()
    assert "просит заменить наставника" in page and "Наставник грубит" not in page
    client.force_login(p.curator.user)
    assert "Наставник грубит" in client.get(url).content.decode()
    client.force_login(p.mentee.user)
    assert "Наставник грубит" in client.get(url).content.decode()


def test_after_a_change_the_header_and_the_mentees_home_follow(client):
    from tests.factories import MentorshipFactory

    p = pair()
    change = services.change_request_create(
        mentorship=p.mentorship, requested_by=p.mentee, subject=p.mentee, side="mentee", reason="Не сложилось"
    )
    client.force_login(p.curator.user)
    html = client.post(
        reverse("change_request_decide", args=[change.pk]), {"decision": "approve", "note": ""}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert ChangeRequest.objects.get().status == ChangeRequest.Status.APPROVED
    assert 'id="header"' in html and "Прекращена досрочно" in html
    new = MentorshipFactory(program=p.mentorship.program, mentee=p.mentee, status=Mentorship.Status.PROPOSED)
    client.force_login(p.mentee.user)
    home = client.get(reverse("home")).content.decode()
    section = home[home.index("Мой наставник") :]
    assert new.mentor.full_name in section
    assert p.mentor.full_name not in section


# --- the mentee's home: goals and the next thing to do ------------------------------------------------------------


def test_the_mentees_home_shows_goals_and_the_next_step_not_the_deficit(client):
    p = pair()
    p.mentorship.goal = "Не умеет выстраивать урок по ФГОС"
    p.mentorship.save()
    client.force_login(p.mentee.user)
    home = client.get(reverse("home")).content.decode()
    assert "Не умеет выстраивать урок" not in home
    assert "Первая встреча ещё не назначена" in home
    assert "Цели пары ещё не поставлены" in home
    services.goal_create(mentorship=p.mentorship, title="Проводить урок по ФГОС уверенно")
    meeting = held(p.mentorship, TODAY - dt.timedelta(days=1))
    home = client.get(reverse("home")).content.decode()
    assert "Цель № 1: Проводить урок по ФГОС уверенно" in home
    assert "Заполните дневник встречи" in home
    assert reverse("mentorship", args=[meeting.mentorship_id]) + "#diary" in home


# --- the curator records the trial meeting's results --------------------------------------------------------------


def test_the_curator_records_the_trial_meetings_results(client):
    p = pair()
    trial = held(p.mentorship, TODAY - dt.timedelta(days=1), kind=Meeting.Kind.TRIAL)
    url = reverse("meeting_results", args=[trial.pk])
    client.force_login(p.mentee.user)
    assert client.post(url, {"text": "Чужая запись"}).status_code == 403
    client.force_login(p.curator.user)
    client.post(url, {"text": "Подходят по стилю общения, готовы к плану"})
    trial.refresh_from_db()
    assert trial.curator_results == "Подходят по стилю общения, готовы к плану"
    assert "Подходят по стилю общения" in client.get(reverse("mentorship", args=[p.mentorship.pk])).content.decode()
    planned = services.meeting_schedule(
        mentorship=p.mentorship, kind="regular", scheduled_at=at(TODAY + dt.timedelta(days=2))
    )
    with pytest.raises(ValidationError, match="после проведённой"):
        services.meeting_record_results(meeting=planned, text="Рано")


def test_the_programme_form_sets_the_minimum_duration(client):
    p = pair()
    program = p.mentorship.program
    client.force_login(p.curator.user)
    data = {
        "title": program.title,
        "form": program.form_id,
        "kind": program.kind,
        "starts_on": program.starts_on.isoformat(),
        "ends_on": program.ends_on.isoformat(),
        "meeting_interval_days": str(program.meeting_interval_days),
        "min_duration_months": "6",
        "status": program.status,
        "curators": [p.curator.pk],
    }
    response = client.post(reverse("program_edit", args=[program.pk]), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    program.refresh_from_db()
    assert program.min_duration_months == 6
