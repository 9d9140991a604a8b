"""Selection criteria come from the needs in the mentee base, ranked by how many open requests ask for them."""

import pytest
from django.core.exceptions import ValidationError

from nastavnik.intake import services
from nastavnik.intake.models import MenteeRequest, SelectionCriterion
from tests.factories import OrganizationFactory, ProgramFactory, PupilFactory
from tests.intake.factories import MenteeRequestFactory

pytestmark = pytest.mark.django_db
Status = MenteeRequest.Status


def _pupil_request(org, categories, deficits, status=Status.IN_BASE, **kwargs):
    return MenteeRequestFactory(
        person=PupilFactory(organization=org),
        categories=categories,
        deficit_competencies=deficits,
        status=status,
        **kwargs,
    )


def test_it_ranks_criteria_by_the_number_of_open_requests():
    org = OrganizationFactory()
    for _ in range(3):
        _pupil_request(org, ["gifted"], ["Олимпиадная математика"])
    _pupil_request(org, ["gifted", "low_results"], ["олимпиадная математика", "решение текстовых задач"])
    _pupil_request(org, ["low_results"], [], status=Status.SEARCHING)
    # Closed, withdrawn and already matched requests no longer shape the selection.
    _pupil_request(org, ["behaviour"], ["работа в команде"], status=Status.CLOSED)
    _pupil_request(org, ["behaviour"], ["работа в команде"], status=Status.MATCHED)
    _pupil_request(OrganizationFactory(), ["disengaged"], ["лидерство"])  # another school

    criteria = services.criteria_derive(organization=org)

    ranked = [(c.text, c.weight) for c in criteria]
    assert ranked == [
        ("Олимпиадная математика", 4),
        ("Опыт подготовки к олимпиадам и конкурсам", 4),
        ("Опыт работы с неуспевающими обучающимися", 2),
        ("Решение текстовых задач", 1),
    ]
    sources = {c.text: c.derived_from for c in criteria}
    assert sources["Олимпиадная математика"] == SelectionCriterion.Source.COMPETENCY
    assert sources["Опыт подготовки к олимпиадам и конкурсам"] == SelectionCriterion.Source.CATEGORY


def test_it_recomputes_derived_criteria_and_keeps_the_curators_own():
    org = OrganizationFactory()
    first = _pupil_request(org, ["gifted"], ["олимпиадная физика"])
    services.criterion_add(organization=org, text="Готовность встречаться по субботам")
    services.criteria_derive(organization=org)
    first.status = Status.MATCHED
    first.save()
    _pupil_request(org, ["hard_situation"], [])

    criteria = services.criteria_derive(organization=org)

    assert [c.text for c in criteria] == [
        "Умение оказать поддержку в трудной жизненной ситуации",
        "Готовность встречаться по субботам",
    ]


def test_it_derives_criteria_for_one_programme_only():
    org = OrganizationFactory()
    program = ProgramFactory(organization=org)
    _pupil_request(org, ["gifted"], [], program=program)
    _pupil_request(org, ["low_results"], [])

    criteria = services.criteria_derive(organization=org, program=program)

    assert [(c.text, c.program_id) for c in criteria] == [("Опыт подготовки к олимпиадам и конкурсам", program.pk)]
    assert SelectionCriterion.objects.filter(program__isnull=True).count() == 0


def test_it_refuses_a_programme_of_another_organisation():
    with pytest.raises(ValidationError):
        services.criteria_derive(organization=OrganizationFactory(), program=ProgramFactory())


def test_it_refuses_the_same_manual_criterion_twice():
    org = OrganizationFactory()
    services.criterion_add(organization=org, text="Опыт работы вожатым")
    with pytest.raises(ValidationError):
        services.criterion_add(organization=org, text="опыт  работы вожатым")
