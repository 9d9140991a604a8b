"""Pair health: «в порядке», «нужна проверка», «рано судить» with the reasons, in a constant number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nastavnik.mentorships.models import ChangeRequest, Meeting
from nastavnik.monitoring import selectors
from nastavnik.surveys.models import Answer
from tests.mentorships.factories import GoalFactory, StepFactory, held, reflect
from tests.monitoring.factories import programme

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def health_of(program):
    return {h.mentorship.pk: h for h in selectors.pair_health(pairs=selectors.health_queryset(programs=[program]))}


def written(meeting, m, closer: str | None = None):
    for person in (m.mentor, m.mentee):
        reflection = reflect(meeting, person)
        if closer is not None:
            question = reflection.response.version.questions.get(code="closer_to_goal")
            Answer.objects.create(response=reflection.response, question=question, value=closer)


def test_a_pair_meeting_at_the_interval_with_diaries_is_fine():
    program, _curator, (m,) = programme(pairs=1, started_days_ago=40)
    written(held(m, days_ago(35), Meeting.Kind.ACQUAINTANCE), m)
    written(held(m, days_ago(20)), m, "Отчасти")
    written(held(m, days_ago(6)), m, "Да")
    item = health_of(program)[m.pk]
    assert (item.state, item.label, item.reasons) == ("ok", "в порядке", [])


def test_a_new_pair_is_too_early_to_judge():
    program, _curator, (m,) = programme(pairs=1, started_days_ago=5)
    item = health_of(program)[m.pk]
    assert item.state == "early" and item.label == "рано судить"


def test_each_reason_puts_the_pair_on_the_check_list():
    program, _curator, pairs = programme(pairs=5, started_days_ago=60)
    never, after_acquaintance, rare, steps, change = pairs
    written(held(after_acquaintance, days_ago(50), Meeting.Kind.ACQUAINTANCE), after_acquaintance)
    written(held(rare, days_ago(30)), rare)
    for m in (steps, change):
        written(held(m, days_ago(3)), m)
    StepFactory(goal=GoalFactory(mentorship=steps), deadline=days_ago(2))
    ChangeRequest.objects.create(
        mentorship=change, requested_by=change.mentee, side="mentee", subject=change.mentee, reason="Не сошлись"
    )
    health = health_of(program)
    assert health[never.pk].reasons == ["ни одной встречи с начала работы пары"]
    assert health[after_acquaintance.pk].reasons[0] == "после знакомства пара ни разу не встречалась"
    assert health[rare.pk].reasons[0].startswith("встречи реже правила программы: последняя")
    assert health[rare.pk].reasons[0].endswith("норма — не реже раза в 14 дней")
    assert health[steps.pk].reasons == ["просрочены шаги карты цели"]
    assert health[change.pk].reasons == ["есть запрос на смену наставника"]
    assert all(h.state == "check" for h in health.values())


@pytest.mark.parametrize(
    ("interval", "last", "rule"),
    [(21, 30, "не реже раза в 21 день"), (3, 5, "не реже раза в 3 дня"), (7, 9, "не реже раза в 7 дней")],
)
def test_the_meeting_rule_is_said_in_full_words_with_the_right_form_of_the_noun(interval, last, rule):
    program, _curator, (m,) = programme(pairs=1, interval=interval, started_days_ago=60)
    written(held(m, days_ago(last)), m)
    reason = health_of(program)[m.pk].reasons[0]
    assert reason == f"встречи реже правила программы: последняя {days_ago(last):%d.%m.%Y}, норма — {rule}"


def test_missing_diaries_and_a_falling_rating():
    program, _curator, (silent, falling) = programme(pairs=2, started_days_ago=30)
    held(silent, days_ago(6))
    written(held(falling, days_ago(16)), falling, "Да")
    written(held(falling, days_ago(5)), falling, "Нет")
    health = health_of(program)
    assert health[silent.pk].reasons == ["не заполнены дневники после проведённых встреч"]
    assert "оценка «насколько приблизились к цели» снижается" in health[falling.pk].reasons


def test_programme_page_query_count_does_not_grow_with_pairs(client):
    def count(pairs: int) -> int:
        program, curator, made = programme(pairs=pairs, started_days_ago=30)
        for m in made:
            written(held(m, days_ago(10)), m, "Да")
        client.force_login(curator.user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("monitoring_program", args=[program.pk])).status_code == 200
        return len(queries)

    assert count(2) == count(8)
