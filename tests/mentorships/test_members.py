"""A formed group's membership: the curator or coordinator adds a mentee (found with the person picker) or takes one
out with a reason; every change shows on the group's page. Refused, with a Russian message and nothing written, for
a person of another school, one already in the group or in another pair of the programme, one without the
participation consent, a closed group and a one-to-one programme."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from nastavnik.intake.models import MenteeRequest
from nastavnik.mentorships import services
from nastavnik.mentorships.models import (
    ChangeRequest,
    MemberChange,
    Mentorship,
    MentorshipMember,
    member_change_words,
)
from nastavnik.orgs.models import Role
from nastavnik.privacy.models import AccessLog
from nastavnik.programs.models import Kind
from tests.factories import MentorshipFactory, OrganizationFactory, PersonFactory, PupilFactory, person_with_login
from tests.intake.factories import MenteeRequestFactory
from tests.mentorships.factories import consent, login, other_mentor, pair

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
HTMX = {"HTTP_HX_REQUEST": "true"}


def _group(**kwargs):
    """A working group of a group programme: its mentor, first mentee and curator can log in."""
    p = pair(**kwargs)
    program = p.mentorship.program
    program.kind = Kind.GROUP
    program.save(update_fields=["kind"])
    return p


def _newcomer(p, **kwargs):
    person = PersonFactory(organization=p.mentorship.program.organization, last_name="Новикова", **kwargs)
    consent(person)
    return person


def _refused(match: str, **kwargs) -> None:
    with pytest.raises(ValidationError) as caught:
        services.member_add(**kwargs)
    assert match in " ".join(caught.value.messages)
    assert not MemberChange.objects.exists()


# --- the service ---------------------------------------------------------------------------------------------------


def test_a_consenting_mentee_of_the_school_joins_the_group_and_the_change_is_recorded():
    p = _group()
    newcomer = _newcomer(p)
    waiting = MenteeRequestFactory(person=newcomer, status=MenteeRequest.Status.SEARCHING)

    member = services.member_add(mentorship=p.mentorship, person=newcomer, by=p.curator.user)

    assert (member.side, member.joined_on) == ("mentee", TODAY)
    change = MemberChange.objects.get()
    assert (change.person, change.kind, change.on, change.by) == (newcomer, "joined", TODAY, p.curator.user)
    waiting.refresh_from_db()
    assert waiting.status == MenteeRequest.Status.MATCHED  # the search is over: the request is answered


def test_it_refuses_a_person_of_another_school():
    p = _group()
    stranger = PersonFactory(organization=OrganizationFactory(), last_name="Чужаков")
    consent(stranger)
    _refused("не относится к организации", mentorship=p.mentorship, person=stranger)


def test_it_refuses_someone_already_in_the_group_on_either_side():
    p = _group()
    newcomer = _newcomer(p)
    services.member_add(mentorship=p.mentorship, person=newcomer)
    MemberChange.objects.all().delete()
    for person in (p.mentor, p.mentee, newcomer):
        _refused("уже состоит в этой группе", mentorship=p.mentorship, person=person)
    assert MentorshipMember.objects.count() == 1


def test_it_refuses_a_mentee_of_another_pair_of_the_programme():
    p = _group()
    busy = _newcomer(p)
    MentorshipFactory(program=p.mentorship.program, mentee=busy)
    _refused("уже состоит в паре или группе этой программы", mentorship=p.mentorship, person=busy)


def test_it_refuses_without_the_participation_consent_naming_the_guardian_for_a_minor():
    p = _group()
    adult = PersonFactory(organization=p.mentorship.program.organization)
    _refused("нет действующего согласия на участие", mentorship=p.mentorship, person=adult)
    pupil = PupilFactory(organization=p.mentorship.program.organization)
    _refused("согласия законного представителя", mentorship=p.mentorship, person=pupil)
    assert not MentorshipMember.objects.exists()


def test_it_refuses_a_closed_group_and_a_one_to_one_programme():
    closed = _group(status=Mentorship.Status.COMPLETED)
    _refused("Группа завершила работу", mentorship=closed.mentorship, person=_newcomer(closed))
    one_to_one = pair()
    _refused("один на один", mentorship=one_to_one.mentorship, person=_newcomer(one_to_one))


def test_a_member_leaves_with_a_reason_and_goes_back_to_the_search():
    p = _group()
    newcomer = _newcomer(p)
    request = MenteeRequestFactory(person=newcomer, status=MenteeRequest.Status.IN_BASE)
    services.member_add(mentorship=p.mentorship, person=newcomer)
    with pytest.raises(ValidationError, match="почему участник выбывает"):
        services.member_remove(mentorship=p.mentorship, person=newcomer, reason="  ")

    services.member_remove(mentorship=p.mentorship, person=newcomer, reason="Перевёлся в другую школу", by=None)

    assert not MentorshipMember.objects.exists()
    left = MemberChange.objects.get(kind="left")
    assert (left.person, left.reason, left.on) == (newcomer, "Перевёлся в другую школу", TODAY)
    request.refresh_from_db()
    assert request.status == MenteeRequest.Status.SEARCHING


def test_the_first_mentee_and_a_stranger_cannot_be_taken_out():
    p = _group()
    with pytest.raises(ValidationError, match="первый наставляемый группы"):
        services.member_remove(mentorship=p.mentorship, person=p.mentee, reason="Болеет")
    with pytest.raises(ValidationError, match="не состоит в этой группе"):
        services.member_remove(mentorship=p.mentorship, person=_newcomer(p), reason="Болеет")
    assert not MemberChange.objects.exists()


def test_a_member_released_on_request_shows_in_the_history():
    p = _group()
    newcomer = _newcomer(p)
    services.member_add(mentorship=p.mentorship, person=newcomer)
    change = services.change_request_create(
        mentorship=p.mentorship, requested_by=newcomer, subject=newcomer, side="mentee", reason="Другое расписание"
    )
    services.change_request_decide(request=change, approve=True, note="Переходит в другую группу")
    assert ChangeRequest.objects.get().status == "approved"
    left = MemberChange.objects.get(kind="left")
    assert left.person == newcomer and "Переходит в другую группу" in left.reason


# --- the group's page ----------------------------------------------------------------------------------------------


def test_the_curator_sees_the_forms_and_the_participants_do_not(client):
    p = _group()
    url = reverse("mentorship", args=[p.mentorship.pk])
    client.force_login(p.curator.user)
    page = client.get(url).content.decode()
    assert 'id="members"' in page and "Добавить наставляемого в группу" in page
    assert 'name="mentee__q"' in page  # the person picker's search box
    for person in (p.mentor, p.mentee):
        client.force_login(person.user)
        page = client.get(url).content.decode()
        assert "Состав группы" in page and "Добавить наставляемого в группу" not in page


def test_the_curator_adds_a_mentee_without_javascript_and_the_page_shows_it(client):
    p = _group()
    newcomer = _newcomer(p)
    client.force_login(p.curator.user)
    url = reverse("mentorship", args=[p.mentorship.pk])
    # the plain search page sends the choice back as ?mentee=<id>: the picker shows the chosen person
    assert f'value="{newcomer.pk}"' in client.get(url, {"mentee": newcomer.pk}).content.decode()

    response = client.post(reverse("member_add", args=[p.mentorship.pk]), {"mentee": newcomer.pk})

    assert response.status_code == 302 and response["Location"].endswith("#members")
    assert MentorshipMember.objects.filter(mentorship=p.mentorship, person=newcomer, side="mentee").exists()
    page = client.get(url).content.decode()
    assert newcomer.full_name in page  # among the mentees
    assert member_change_words(person=newcomer, kind=MemberChange.Kind.JOINED) in page  # «присоединилась» or «-ся»
    assert any(f"{verb} {p.curator.short_name}" in page for verb in ("внесла", "внёс"))  # who added them


def test_htmx_gets_the_section_and_the_refreshed_people(client):
    p = _group()
    newcomer = _newcomer(p)
    client.force_login(p.curator.user)
    html = client.post(reverse("member_add", args=[p.mentorship.pk]), {"mentee": newcomer.pk}, **HTMX).content
    html = html.decode()
    assert html.startswith('<section id="members"') and " к группе." in html
    assert 'id="people" hx-swap-oob="true"' in html and newcomer.full_name in html


def test_a_refused_add_shows_the_reason_on_the_page_and_writes_nothing(client):
    p = _group()
    no_consent = PersonFactory(organization=p.mentorship.program.organization, last_name="Безсогласова")
    stranger = PersonFactory(organization=OrganizationFactory(), last_name="Чужаков")
    client.force_login(p.curator.user)
    add = reverse("member_add", args=[p.mentorship.pk])
    page = client.post(add, {"mentee": no_consent.pk}).content.decode()
    assert "нет действующего согласия на участие" in page
    page = client.post(add, {"mentee": stranger.pk}).content.decode()
    assert "нельзя выбрать здесь" in page  # the picker's field refuses a person outside the school
    assert not MentorshipMember.objects.exists() and not MemberChange.objects.exists()


def test_a_forged_post_by_a_participant_a_director_or_another_school_is_refused(client):
    p = _group()
    newcomer = _newcomer(p)
    org = p.mentorship.program.organization
    director = person_with_login(role=Role.DIRECTOR, organization=org)
    other_curator = person_with_login(role=Role.CURATOR, organization=OrganizationFactory())
    add = reverse("member_add", args=[p.mentorship.pk])
    for person, status in ((p.mentor, 403), (p.mentee, 403), (director, 403), (other_curator, 404)):
        client.force_login(person.user)
        assert client.post(add, {"mentee": newcomer.pk}).status_code == status, person
    client.force_login(other_mentor().user)
    assert client.post(add, {"mentee": newcomer.pk}).status_code == 404
    assert not MentorshipMember.objects.exists()


def test_the_coordinator_takes_a_member_out_with_a_reason(client):
    p = _group()
    newcomer = _newcomer(p)
    services.member_add(mentorship=p.mentorship, person=newcomer)
    coordinator = login(PersonFactory(organization=p.mentorship.program.organization, last_name="Координаторова"))
    coordinator.memberships.create(role=Role.COORDINATOR, organization=coordinator.organization)
    client.force_login(coordinator.user)
    remove = reverse("member_remove", args=[p.mentorship.pk])

    page = client.post(remove, {"member": newcomer.pk, "reason": ""}).content.decode()
    assert "Обязательное поле" in page and MentorshipMember.objects.exists()
    page = client.post(remove, {"member": p.mentee.pk, "reason": "Болеет"}).content.decode()
    assert "нельзя выбрать здесь" not in page and "Выберите корректный вариант" in page  # not on the list
    assert Mentorship.objects.get().mentee == p.mentee

    response = client.post(remove, {"member": newcomer.pk, "reason": "Перевёлся в другую школу"})
    assert response.status_code == 302
    assert not MentorshipMember.objects.exists()
    page = client.get(reverse("mentorship", args=[p.mentorship.pk])).content.decode()
    left = member_change_words(person=newcomer, kind=MemberChange.Kind.LEFT)
    assert left in ("выбыл из группы", "выбыла из группы")  # the verb agrees with the person, no «выбыл(а)»
    assert f"{left} · Перевёлся в другую школу" in page and "(а)" not in page


def test_a_mentor_cannot_take_a_member_out(client):
    p = _group()
    newcomer = _newcomer(p)
    services.member_add(mentorship=p.mentorship, person=newcomer)
    client.force_login(p.mentor.user)
    response = client.post(reverse("member_remove", args=[p.mentorship.pk]), {"member": newcomer.pk, "reason": "Нет"})
    assert response.status_code == 403
    assert MentorshipMember.objects.exists()


def test_the_page_logs_the_read_of_a_former_member_named_in_the_history(client):
    p = _group()
    newcomer = _newcomer(p)
    services.member_add(mentorship=p.mentorship, person=newcomer)
    services.member_remove(mentorship=p.mentorship, person=newcomer, reason="Перевёлся в другую школу")
    client.force_login(p.mentor.user)
    page = client.get(reverse("mentorship", args=[p.mentorship.pk])).content.decode()
    assert newcomer.short_name in page
    assert AccessLog.objects.filter(person=newcomer, user=p.mentor.user, action="mentorship.view").count() == 1


def test_a_group_formed_in_a_one_to_one_programme_takes_another_mentee():
    """A pair that already has further mentees is a group, whatever the programme's kind (a group formed by hand)."""
    p = pair()
    MentorshipMember.objects.create(mentorship=p.mentorship, person=_newcomer(p), side="mentee", joined_on=TODAY)
    services.member_add(mentorship=p.mentorship, person=_newcomer(p))
    assert MentorshipMember.objects.filter(mentorship=p.mentorship).count() == 2
