"""Destruction of personal data once consent is gone: `nastavnik purge`.

A person whose every signed consent was withdrawn or expired at least `settings.PURGE_AFTER_DAYS` days ago, and who
has no consent in force, loses what the consents covered: the person record is anonymised, questionnaire answers
and the free text of the bases are destroyed, and a destruction record (акт уничтожения) is written. Each consent
is then marked purged, so a second run does nothing.

Privacy imports no stage app: intake, mentorships and surveys models are looked up by name and may be absent.
A stage app that starts keeping something new about a person adds a line to `_holders()`.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik.orgs.models import STAFF_ROLES, Membership
from nastavnik.people.models import Guardianship, Person
from nastavnik.people.services import account_disable_for_person
from nastavnik.privacy.models import Consent, DestructionRecord

ANONYMISED_NAME = "Обезличено"
# Kept for callers that name no one; the command itself requires the responsible person (`--by`).
PERFORMED_BY_COMMAND = "nastavnik purge"


@dataclass
class PurgeResult:
    person_ref: str
    organization_name: str
    categories: list[str]
    anonymised: bool


def person_ref(person: Person) -> str:
    """The reference a destruction record keeps: it points at a hollow, anonymised row, never at a name."""
    return f"P-{person.pk}"


# --- who is due ---------------------------------------------------------------------------------------------------


def purge_due(*, today: dt.date | None = None) -> list[Person]:
    """People whose consents all ended at least PURGE_AFTER_DAYS days ago and who have none in force."""
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=settings.PURGE_AFTER_DAYS)
    ended = Consent.objects.filter(purged_at__isnull=True, signed_at__isnull=False).filter(
        Q(withdrawn_at__isnull=False) | Q(valid_until__lt=today)
    )
    due = []
    for person in Person.objects.filter(pk__in=ended.values("person_id")).order_by("pk"):
        signed = [c for c in person.consents.filter(purged_at__isnull=True) if c.signed_at]
        ends = [_ended_on(c, today=today) for c in signed]
        if ends and None not in ends and max(ends) <= cutoff:
            due.append(person)
    return due


def _ended_on(consent: Consent, *, today: dt.date) -> dt.date | None:
    """The day the consent stopped covering processing, or None while it still covers (or will cover) it."""
    if consent.withdrawn_at:
        return timezone.localtime(consent.withdrawn_at).date()
    if consent.valid_until and consent.valid_until < today:
        return consent.valid_until
    return None


# --- the purge ------------------------------------------------------------------------------------------------


def purge_run(
    *,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    performed_by: str = PERFORMED_BY_COMMAND,
    dry_run: bool = False,
) -> list[PurgeResult]:
    """Purge everybody due. With `dry_run`, do the same work inside a transaction that is rolled back."""
    now = now or timezone.now()
    today = today or timezone.localtime(now).date()
    results = []
    with transaction.atomic():
        for person in purge_due(today=today):
            results.append(person_purge(person=person, now=now, performed_by=performed_by))
        if dry_run:
            transaction.set_rollback(True)
    return results


@transaction.atomic
def person_purge(*, person: Person, now: dt.datetime, performed_by: str) -> PurgeResult:
    org = person.organization
    categories = [*_purge_holders(person), *_purge_pair_content(person)]
    anonymise = not _keeps_identity(person, on=timezone.localtime(now).date())
    if anonymise:
        categories += _anonymise(person, now=now)
    Consent.objects.filter(person=person, purged_at__isnull=True).update(purged_at=now)
    record = DestructionRecord.objects.create(
        person_ref=person_ref(person),
        organization=org,
        organization_name=org.name if org else "",
        categories=categories,
        reason=_("Отзыв согласия / истечение срока"),
        performed_by=performed_by[:200],
        performed_at=now,
    )
    return PurgeResult(record.person_ref, record.organization_name, categories, anonymise)


def _keeps_identity(person: Person, *, on: dt.date) -> bool:
    """Staff are employees (their record rests on labour law, not on a programme consent), and a representative
    named in a ward's consent in force stays named there: only their programme data is destroyed."""
    if Membership.objects.filter(person=person, role__in=STAFF_ROLES).exists():
        return True
    return any(c.is_active(on=on) for c in Consent.objects.filter(given_by=person).exclude(person=person))


def _anonymise(person: Person, *, now: dt.datetime) -> list[str]:
    categories = [_("фамилия, имя, отчество, дата рождения, класс, предмет, место работы, телефон, e-mail")]
    person.last_name, person.first_name, person.middle_name = ANONYMISED_NAME, "", ""
    person.birth_date = None
    person.school_class = person.subject = person.workplace = person.email = person.phone = ""
    person.experience_years = None
    person.anonymised_at = now
    person.save()
    if person.user_id:
        account_disable_for_person(person=person)
        user = person.user
        user.username = f"anon-{user.pk}"
        user.first_name = user.last_name = user.email = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        categories.append(_("учётная запись (отключена, логин обезличен)"))
    if Guardianship.objects.filter(child=person).delete()[0]:
        categories.append(_("сведения о законных представителях"))
    if Membership.objects.filter(person=person).delete()[0]:
        categories.append(_("роли участника программы"))
    return categories


# --- stage apps, by name ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Holder:
    """Where a stage app keeps something about a person, and what the purge does with it.

    `blank` empties those fields and keeps the row (other rows point at it); without `blank` the rows are deleted.
    """

    app_label: str
    model_name: str
    lookup: Callable[[Person], Q]
    category: str
    blank: dict = field(default_factory=dict)


def _holders() -> list[Holder]:
    own = lambda p: Q(person=p)  # noqa: E731 — the common case, named for the table's sake
    return [
        Holder(
            "intake",
            "MenteeRequest",
            own,
            _("запросы наставляемого: трудности, дефицитные компетенции, интересы"),
            {
                "needs": "",
                "curator_analysis": "",
                "categories": [],
                "deficit_competencies": [],
                "interests": [],
                "free_time": [],
                "needs_psychologist": False,
            },
        ),
        Holder(
            "intake",
            "MentorCandidate",
            own,
            _("анкета кандидата в наставники: опыт, компетенции, интересы, портфолио, мотивация"),
            {
                "experience": "",
                "competencies": [],
                "interests": [],
                "free_time": [],
                "portfolio": "",
                "motivation": "",
                "preferred_age_from": None,
                "preferred_age_to": None,
                "decision_note": "",
            },
        ),
        Holder("intake", "Interview", lambda p: Q(candidate__person=p), _("заметки собеседования"), {"notes": ""}),
        # Answers about the person, and those they gave about themselves (a parent's answers about a child are
        # the child's data and stay with the child).
        Holder(
            "surveys",
            "Response",
            lambda p: Q(about=p) | Q(about__isnull=True, respondent=p),
            _("ответы на анкеты и результаты диагностики"),
        ),
        Holder("surveys", "Invitation", lambda p: Q(person=p) | Q(about=p), _("приглашения к анкетированию")),
        Holder("mentorships", "Wish", own, _("таблица желаний")),
        Holder("mentorships", "Reflection", own, _("дневники встреч")),
        Holder(
            "mentorships",
            "ChangeRequest",
            lambda p: Q(subject=p),
            _("обращения о замене наставника"),
            {"reason": "", "decision_note": ""},
        ),
        # Whom the person would or would not continue with after a Mentor Match session.
        Holder(
            "matching",
            "PreferenceCard",
            own,
            _("карточки предпочтений Mentor Match"),
            {"ranked": [], "refused": []},
        ),
        Holder("mentorships", "Reminder", own, _("журнал напоминаний")),
        Holder("mentorships", "CalendarToken", own, _("ссылка на календарь встреч")),
    ]


def _model(app_label: str, name: str):
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def _purge_holders(person: Person) -> list[str]:
    categories = []
    for holder in _holders():
        model = _model(holder.app_label, holder.model_name)
        if model is None:
            continue
        try:
            rows = model.objects.filter(holder.lookup(person))
            count = rows.count()
        except FieldError:
            continue  # the model changed shape: nothing of ours to destroy there
        if not count:
            continue
        if holder.blank:
            names = {f.name for f in model._meta.get_fields()}
            rows.update(**{k: v for k, v in holder.blank.items() if k in names})
        else:
            rows.delete()
        categories.append(str(holder.category))
    return categories


def _purge_pair_content(person: Person) -> list[str]:
    """In a pair where the person was the only mentee, the plan, the goals and the meeting notes are about them."""
    mentorship = _model("mentorships", "Mentorship")
    if mentorship is None:
        return []
    ids = list(mentorship.objects.filter(mentee=person).exclude(members__side="mentee").values_list("pk", flat=True))
    if not ids:
        return []
    mentorship.objects.filter(pk__in=ids).update(goal="", end_reason="")
    for name, values in (
        ("Meeting", {"notes": "", "topic": "", "reason": ""}),
        ("PersonalPlan", {"difficulties": "", "strengths": "", "directions": "", "expected_results": ""}),
    ):
        model = _model("mentorships", name)
        if model is not None:
            model.objects.filter(mentorship_id__in=ids).update(**values)
    goal = _model("mentorships", "Goal")
    if goal is not None:
        goal.objects.filter(mentorship_id__in=ids).delete()
    return [_("цель пары и причина её завершения, персонализированная программа, карта целей, темы и итоги встреч")]
