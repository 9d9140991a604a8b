"""Every long person list of the intake, matching, programme and order forms is a search picker: the form takes a
picked id of someone it may take, refuses anybody else with a Russian message, and works without JavaScript."""

import datetime as dt

import pytest
from django.http import QueryDict
from django.urls import reverse

from nastavnik.documents.forms import AppointCoordinatorForm
from nastavnik.intake import forms as intake_forms
from nastavnik.intake.models import MenteeRequest, MentorCandidate
from nastavnik.matching.forms import PairsOrderForm
from nastavnik.mentorships.models import Mentorship
from nastavnik.orgs.models import Role
from nastavnik.people.picker import PersonMultiPicker, PersonPicker
from nastavnik.programs.forms import ProgramForm
from tests.factories import OrganizationFactory, PersonFactory, PupilFactory, person_with_login
from tests.intake.factories import external, participant, staff

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 7)
REFUSED = "нельзя выбрать здесь"


@pytest.fixture
def org():
    return OrganizationFactory(code="school7")


@pytest.fixture
def stranger():
    """A teacher of another school: no form of `org` may take them."""
    return PersonFactory(organization=OrganizationFactory(), last_name="Чужаков")


def _field_ok(form, name):
    form.is_valid()
    return name not in form.errors


def _refused(form, name):
    form.is_valid()
    return name in form.errors and REFUSED in " ".join(form.errors[name])


def _intake_cases(org):
    pupil = PupilFactory(organization=org)
    teacher = PersonFactory(organization=org)
    return [
        (intake_forms.RequestForm, {"organization": org}, "person", pupil.pk),
        (intake_forms.CandidateForm, {"organization": org}, "person", external().pk),
        (intake_forms.InterviewForm, {"organization": org}, "interviewer", teacher.pk),
        (
            intake_forms.InviteForm,
            {"organization": org, "people": intake_forms.mentee_people(org), "scope": "mentees"},
            "person",
            pupil.pk,
        ),
        (intake_forms.RegistryOrderForm, {"organization": org}, "signed_by", teacher.pk),
        (intake_forms.TrainingOrderForm, {"organization": org}, "responsible", teacher.pk),
    ]


def test_intake_forms_take_a_picked_person_and_refuse_a_stranger(org, stranger):
    for form_class, kwargs, name, good in _intake_cases(org):
        assert isinstance(form_class(**kwargs).fields[name].widget, PersonPicker), form_class
        assert _field_ok(form_class({name: str(good)}, **kwargs), name), form_class
        assert _refused(form_class({name: str(stranger.pk)}, **kwargs), name), form_class


def test_the_pairs_order_signer_is_picked(org, stranger):
    kwargs = {"organization": org, "pending": Mentorship.objects.none()}
    teacher = PersonFactory(organization=org)
    assert isinstance(PairsOrderForm(**kwargs).fields["signed_by"].widget, PersonPicker)
    assert _field_ok(PairsOrderForm({"signed_by": str(teacher.pk)}, **kwargs), "signed_by")
    assert _refused(PairsOrderForm({"signed_by": str(stranger.pk)}, **kwargs), "signed_by")


def test_the_curators_of_the_coordinator_order_are_a_multiple_pick(org, stranger):
    first, second = PersonFactory(organization=org), PersonFactory(organization=org)
    kwargs = {"organization": org, "today": TODAY}
    form = AppointCoordinatorForm(**kwargs)
    assert isinstance(form.fields["curators"].widget, PersonMultiPicker)
    picked = QueryDict(mutable=True)
    picked.setlist("curators", [str(first.pk), str(second.pk)])
    bound = AppointCoordinatorForm(picked, **kwargs)
    bound.is_valid()
    assert "curators" not in bound.errors and set(bound.cleaned_data["curators"]) == {first, second}
    picked.setlist("curators", [str(first.pk), str(stranger.pk)])
    assert _refused(AppointCoordinatorForm(picked, **kwargs), "curators")


def test_programme_curators_are_searched_among_appointed_curators(client, org):
    curator = staff(org, Role.CURATOR, last_name="Кураторова")
    plain_teacher = PersonFactory(organization=org, last_name="Курагин")
    form = ProgramForm(organization=org, forms_available=[])
    assert isinstance(form.fields["curators"].widget, PersonMultiPicker)
    form = ProgramForm({"curators": [str(curator.pk)]}, organization=org, forms_available=[])
    assert _field_ok(form, "curators")
    refused = ProgramForm({"curators": [str(plain_teacher.pk)]}, organization=org, forms_available=[])
    assert _refused(refused, "curators")
    client.force_login(person_with_login(role=Role.COORDINATOR, organization=org).user)
    found = client.get(
        reverse("person_pick"),
        {"org": org.code, "scope": "curators", "field": "curators", "multi": "1", "q": "Кура"},
        headers={"HX-Request": "true"},
    ).text
    assert "Кураторова" in found and "Курагин" not in found and 'type="checkbox" name="curators"' in found


def test_a_request_is_made_for_a_picked_pupil_and_refused_for_another_school(client, org, stranger):
    pupil = participant(org, category="pupil", school_class="7А", last_name="Ольховая")
    client.force_login(person_with_login(role=Role.CURATOR, organization=org).user)
    url = reverse("intake_request_new", args=[org.code])
    data = {"pupil_categories": ["low_results"], "needs": "Трудно с алгеброй", "source": "class_teacher"}
    refused = client.post(url, {**data, "person": stranger.pk})
    assert refused.status_code == 400 and REFUSED in refused.text and not MenteeRequest.objects.exists()
    made = client.post(url, {**data, "person": pupil.pk})
    assert made.status_code == 302 and MenteeRequest.objects.get().person == pupil


def test_the_mentor_picker_finds_external_people_and_the_form_takes_them(client, org):
    outsider = external(last_name="Заводской")
    client.force_login(person_with_login(role=Role.CURATOR, organization=org).user)
    found = client.get(
        reverse("person_pick"),
        {"org": org.code, "scope": "mentors", "field": "person", "q": "Завод"},
        headers={"HX-Request": "true"},
    ).text
    assert "Заводской" in found and "внешний участник" in found
    response = client.post(
        reverse("intake_candidate_new", args=[org.code]),
        {"person": outsider.pk, "category": "employer", "capacity": 1},
    )
    assert response.status_code == 302 and MentorCandidate.objects.get().person == outsider


def test_without_javascript_the_search_page_sends_the_choice_back_to_the_form(client, org):
    pupil = PupilFactory(organization=org, last_name="Ясенев", first_name="Иван")
    client.force_login(person_with_login(role=Role.CURATOR, organization=org).user)
    form_url = reverse("intake_request_new", args=[org.code])
    form_page = client.get(form_url).text
    assert "<noscript>" in form_page and reverse("person_pick") in form_page
    search = client.get(
        reverse("person_pick"), {"org": org.code, "scope": "mentees", "field": "person", "q": "Ясен", "next": form_url}
    ).text
    assert f"{form_url}?person={pupil.pk}" in search
    back = client.get(form_url, {"person": pupil.pk}).text
    assert f'value="{pupil.pk}"' in back and "checked" in back and "Ясенев Иван" in back


def test_a_multiple_pick_keeps_the_ones_already_chosen_on_the_search_page(client, org):
    first = staff(org, Role.CURATOR, last_name="Кленова")
    second = PersonFactory(organization=org, last_name="Липов")
    client.force_login(person_with_login(role=Role.COORDINATOR, organization=org).user)
    form_url = reverse("order_issue", args=[org.code, "appoint_coordinator"])
    search = client.get(
        reverse("person_pick"),
        {"org": org.code, "scope": "staff", "field": "curators", "multi": "1", "keep": str(first.pk), "q": "Лип",
         "next": f"{form_url}?curators={first.pk}"},
    ).text
    assert f"{form_url}?curators={first.pk}&amp;curators={second.pk}" in search
    page = client.get(form_url, {"curators": [first.pk, second.pk]})
    assert set(page.context["form"]["curators"].value()) == {first.pk, second.pk}


def test_a_picker_renders_the_chosen_people_without_loading_the_whole_list(org, django_assert_num_queries):
    """A school of a thousand people: the picker shows the chosen ones, so rendering reads only them."""
    people = [PersonFactory(organization=org) for _ in range(3)]
    single = intake_forms.RegistryOrderForm(organization=org, initial={"signed_by": people[0].pk})
    with django_assert_num_queries(1):
        html = str(single["signed_by"])
    assert people[0].full_name in html and people[1].full_name not in html
    chosen = [people[1].pk, people[2].pk]
    multi = AppointCoordinatorForm(organization=org, today=TODAY, initial={"curators": chosen})
    with django_assert_num_queries(1):
        html = str(multi["curators"])
    assert people[1].full_name in html and people[2].full_name in html and people[0].full_name not in html
    assert "keep=" in html
