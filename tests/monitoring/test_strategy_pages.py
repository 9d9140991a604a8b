"""«Which matching worked»: the selector other reports call, the programme's and organisation's pages, the weights."""

import pytest
from django.urls import reverse

from nastavnik.mentorships.models import Meeting, Mentorship
from nastavnik.monitoring import selectors
from nastavnik.orgs.models import Role
from nastavnik.surveys.models import Answer, Question
from tests.factories import MeetingFactory, MentorshipFactory, person_with_login
from tests.mentorships.factories import reflect, staff
from tests.monitoring.factories import measure, programme

pytestmark = pytest.mark.django_db

CRITERIA = {"needs": 1.0, "subject": 1.0, "interests": 0.5, "age": None, "free_time": 1.0}


def _final_rating(m: Mentorship, value: int) -> None:
    meeting = MeetingFactory(mentorship=m, kind=Meeting.Kind.FINAL, status=Meeting.Status.HELD)
    reflection = reflect(meeting, m.mentee)
    question = Question.objects.get(version=reflection.response.version, code="closeness")
    Answer.objects.create(response=reflection.response, question=question, value=value)


def _history(program):
    """Twelve welfare pairs (three closed early) and three direct assignments, one with exit dynamics."""
    pairs = []
    for i in range(12):
        status = Mentorship.Status.TERMINATED if i < 3 else Mentorship.Status.COMPLETED
        pairs.append(
            MentorshipFactory(
                program=program, status=status, origin="welfare", match_score=80 + i, match_criteria=CRITERIA
            )
        )
    for _ in range(3):
        pairs.append(MentorshipFactory(program=program, status=Mentorship.Status.APPROVED, origin="direct"))
    return pairs


def test_matching_outcomes_by_origin_with_counts_intervals_and_few_data(django_assert_max_num_queries):
    program, _curator, _ = programme()
    pairs = _history(program)
    _final_rating(pairs[5], 8)
    measure(pairs[6], "motivation", 2.0, 3.5)

    with django_assert_max_num_queries(8):
        data = selectors.matching_outcomes(program=program)

    origin = {row["key"]: row for row in data["tables"][0]["rows"]}
    assert data["pairs"] == 15 and data["closed"] == 12 and data["min_group"] == 10
    welfare = origin["welfare"]
    assert (welfare["pairs"], welfare["closed"], welfare["premature"]) == (12, 12, 3)
    assert welfare["premature_rate"].value == pytest.approx(0.25) and not welfare["few"]
    assert 0 < welfare["premature_rate"].low < 0.25 < welfare["premature_rate"].high < 1
    assert welfare["rating"].value == 8 and welfare["rating"].few
    assert welfare["change"].value == pytest.approx(1.5)
    assert origin["direct"]["pairs"] == 3 and origin["direct"]["few"]
    bands = {row["key"]: row["pairs"] for row in data["tables"][2]["rows"]}
    assert bands["85-100"] == 7 and bands["70-84"] == 5 and bands["none"] == 3


def test_curator_sees_the_comparison_and_previews_then_applies_weights(client):
    program, curator, _ = programme()
    _history(program)
    client.force_login(curator.user)

    monitoring = client.get(reverse("monitoring_program", args=[program.pk])).content.decode()
    assert reverse("monitoring_strategies", args=[program.pk]) in monitoring
    page = client.get(reverse("monitoring_strategies", args=[program.pk])).content.decode()
    assert "Предложение «наибольшая совместимость»" in page
    assert "25 % (от" in page  # 3 of 12 closed early, with its interval
    assert "мало данных (n = 3)" not in page  # the direct pairs have not closed: nothing to judge, a dash
    assert "Чтобы предложить новые веса, нужно хотя бы 20" in page
    weights = {"needs": "1", "subject": "4", "interests": "1", "age": "1", "free_time": "2", "role_model": "1"}
    preview = client.get(reverse("monitoring_strategies", args=[program.pk]), {**weights, "preview": "1"})
    assert "прошлых пар изменится место" in preview.content.decode()

    response = client.post(reverse("monitoring_weights_apply", args=[program.pk]), weights)

    assert response.status_code == 302
    program.refresh_from_db()
    assert program.matching_weights["subject"] == 4.0 and program.matching_weights["needs"] == 1.0


def test_bad_weights_change_nothing(client):
    program, curator, _ = programme()
    client.force_login(curator.user)
    bad = {"needs": "-1", "subject": "2", "interests": "1", "age": "1", "free_time": "2", "role_model": "1"}
    client.post(reverse("monitoring_weights_apply", args=[program.pk]), bad)
    program.refresh_from_db()
    assert program.matching_weights == {}


def test_psychologist_sees_the_comparison_but_may_not_change_weights(client):
    program, _curator, _ = programme()
    psychologist = staff(program.organization, Role.PSYCHOLOGIST)
    client.force_login(psychologist.user)
    assert client.get(reverse("monitoring_strategies", args=[program.pk])).status_code == 200
    response = client.post(reverse("monitoring_weights_apply", args=[program.pk]), {"needs": "1"})
    assert response.status_code == 403


def test_organisation_history_page_is_linked_from_monitoring_and_refused_to_others(client):
    program, curator, _ = programme()
    _history(program)
    client.force_login(curator.user)
    index = client.get(reverse("monitoring")).content.decode()
    url = reverse("monitoring_strategies_org", args=[program.organization_id])
    assert url in index
    page = client.get(url).content.decode()
    assert "Прямое назначение" in page and "Веса критериев" not in page
    stranger = person_with_login(role=Role.CURATOR)
    client.force_login(stranger.user)
    assert client.get(url).status_code == 404
