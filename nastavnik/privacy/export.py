"""Everything stored about one person, as one XLSX workbook with a sheet per category (the subject's right of
access, art. 14 of 152-FZ). A spreadsheet opens on any school or home computer, which a ZIP of JSON would not.

Stage apps are read by name (`apps.get_model`) and skipped when absent. Other people appear only as the short
name of the other side of a pair or of whoever viewed or signed: never with their own data.
"""

import datetime as dt
import io
import re
from collections.abc import Iterable

from django.apps import apps
from django.core.exceptions import FieldError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from nastavnik.orgs.models import Membership
from nastavnik.people.models import Guardianship, Person
from nastavnik.privacy import texts
from nastavnik.privacy.models import AccessLog, Consent
from nastavnik.spreadsheet import safe_cell

# Fields that are keys or bookkeeping, not information about the person.
_SKIP = {
    "id",
    "person",
    "organization",
    "created_by",
    "user",
    "program",
    "mentorship",
    "anonymised_at",
    "candidate",
    "content_type",
    "object_id",
    "registry_order",
    "decided_by",
    "analysed_by",
    "status_changed_by",
    "token",
}


def personal_data_export(*, person: Person) -> bytes:
    book = Workbook()
    book.remove(book.active)
    _sheet(book, _("Сведения о человеке"), [_("Поле"), _("Значение")], _person_rows(person))
    _sheet(book, _("Роли"), [_("Роль"), _("Организация"), _("МО / кафедра"), _("Назначен")], _roles(person))
    _sheet(book, _("Представители"), [_("Связь"), _("Человек"), _("Основание")], _guardianships(person))
    _sheet(book, _("Согласия"), *_consents(person))
    _sheet(book, _("Журнал доступа"), [_("Когда"), _("Кто"), _("Что"), _("Адрес")], _access_log(person))
    for app_label, model_name, title in (
        ("intake", "MenteeRequest", _("Запросы наставляемого")),
        ("intake", "MentorCandidate", _("База наставников")),
    ):
        model = _model(app_label, model_name)
        if model is not None:
            _sheet(book, title, *_model_table(model, model.objects.filter(person=person)))
    _mentorship_sheets(book, person)
    _extra_sheets(book, person)
    _preference_sheet(book, person)
    _survey_sheets(book, person)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet(book: Workbook, title: str, header: list, rows: Iterable[list]) -> None:
    sheet = book.create_sheet(str(title)[:31])
    sheet.append([str(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(h)) for h in header]
    for row in rows:
        values = [safe_cell(_cell(v)) for v in row]
        sheet.append(values)
        widths = [max(w, min(len(str(v)), 80)) for w, v in zip(widths, values, strict=False)]
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width + 2
    sheet.freeze_panes = "A2"


def _cell(value) -> str | int | float:
    """Everything as a reader expects to see it: dates ДД.ММ.ГГГГ, lists joined, nothing empty as «None»."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("да") if value else _("нет")
    if isinstance(value, dt.datetime):
        return (
            timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
            if timezone.is_aware(value)
            else value.strftime("%d.%m.%Y %H:%M")
        )
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, int | float):
        return value
    return str(value)


def _display(obj: models.Model, field: models.Field):
    if field.choices:
        return getattr(obj, f"get_{field.name}_display")()
    value = getattr(obj, field.name)
    return str(value) if isinstance(value, models.Model) else value


def _person_rows(person: Person) -> list[list]:
    rows = []
    for field in Person._meta.concrete_fields:
        if field.name in {"id", "user", "anonymised_at"}:
            continue
        rows.append([field.verbose_name, _display(person, field)])
    if person.user_id:
        rows.append([_("Логин"), person.user.username])
    return rows


def _roles(person: Person) -> list[list]:
    return [
        [m.get_role_display(), m.organization or m.municipality, m.department, m.appointed_on]
        for m in Membership.objects.filter(person=person).select_related("organization", "municipality")
    ]


def _guardianships(person: Person) -> list[list]:
    rows = [
        [_("Законный представитель"), g.guardian.full_name, g.get_basis_display()]
        for g in Guardianship.objects.filter(child=person).select_related("guardian")
    ]
    rows += [
        [_("Представляемый"), g.child.full_name, g.get_basis_display()]
        for g in Guardianship.objects.filter(guardian=person).select_related("child")
    ]
    return rows


def _consents(person: Person) -> tuple[list, list[list]]:
    header = [
        _("Цель"),
        _("Кто дал"),
        _("Основание"),
        _("Оператор"),
        _("Категории данных"),
        _("Действия"),
        _("Действует с"),
        _("Действует до"),
        _("Подписано"),
        _("Форма"),
        _("Отозвано"),
    ]
    rows = [
        [
            c.get_purpose_display(),
            c.given_by.short_name,
            c.get_guardian_basis_display(),
            c.operator,
            c.data_categories,
            c.actions,
            c.valid_from,
            c.valid_until,
            c.signed_at,
            c.get_form_display(),
            c.withdrawn_at,
        ]
        for c in Consent.objects.filter(person=person).select_related("given_by")
    ]
    return header, rows


def _access_log(person: Person) -> list[list]:
    rows = []
    for entry in AccessLog.objects.filter(person=person).select_related("user__person"):
        viewer = getattr(entry.user, "person", None) if entry.user else None
        if viewer:
            who = viewer.short_name
        elif entry.user:
            who = entry.user.username
        elif entry.operator:
            who = _("%(name)s (консоль)") % {"name": entry.operator}
        else:
            who = _("удалённая учётная запись")
        rows.append([entry.at, who, texts.access_action_label(entry.action), entry.path])
    return rows


# Russian titles for fields a model leaves without a Russian verbose name (no «created at» in a citizen's export).
_FIELD_TITLES = {
    "created_at": gettext_lazy("Создано"),
    "updated_at": gettext_lazy("Изменено"),
    "meeting": gettext_lazy("Встреча"),
    "number": gettext_lazy("Номер"),
}
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def _field_title(field) -> str:
    title = str(field.verbose_name)
    if _CYRILLIC.search(title):
        return title
    return str(_FIELD_TITLES.get(field.name, _("Поле «%(name)s»") % {"name": field.name}))


def _model_table(model, rows) -> tuple[list, list[list]]:
    fields = [f for f in model._meta.concrete_fields if f.name not in _SKIP]
    header = [_field_title(f) for f in fields]
    return header, [[_display(obj, f) for f in fields] for obj in rows]


def _mentorship_sheets(book: Workbook, person: Person) -> None:
    mentorship = _model("mentorships", "Mentorship")
    if mentorship is None:
        return
    pairs = (
        mentorship.objects.filter(Q(mentor=person) | Q(mentee=person) | Q(members__person=person))
        .distinct()
        .select_related("program", "mentor", "mentee")
        .prefetch_related("members")
    )
    header = [
        _("Программа"),
        _("Роль"),
        _("Наставник"),
        _("Наставляемый"),
        _("Статус"),
        _("Начало"),
        _("Окончание"),
        _("Цель"),
        _("Причина завершения"),
    ]
    rows = []
    for m in pairs:
        role = _("наставник") if m.mentor_id == person.pk or _is_member(m, person, "mentor") else _("наставляемый")
        rows.append(
            [
                m.program.title,
                role,
                m.mentor.short_name,
                m.mentee.short_name,
                m.get_status_display(),
                m.starts_on,
                m.ends_on,
                m.goal,
                m.end_reason,
            ]
        )
    _sheet(book, _("Пары и группы"), header, rows)
    meeting = _model("mentorships", "Meeting")
    if meeting is not None:
        meetings = meeting.objects.filter(mentorship__in=pairs).order_by("scheduled_at")
        _sheet(book, _("Встречи"), *_model_table(meeting, meetings))


def _is_member(mentorship, person: Person, side: str) -> bool:
    return any(m.person_id == person.pk and m.side == side for m in mentorship.members.all())


def _preference_sheet(book: Workbook, person: Person) -> None:
    """Mentor Match cards: whom the person would or would not continue with, by the short names of the others."""
    card = _model("matching", "PreferenceCard")
    if card is None:
        return
    cards = list(card.objects.filter(person=person).select_related("session"))
    # A mentor's card ranks SessionMentee rows of the session, a mentee's card SessionMentor rows.
    other = {"mentor": _model("matching", "SessionMentee"), "mentee": _model("matching", "SessionMentor")}
    names: dict[tuple[str, int], str] = {}
    for side, model in other.items():
        ids = {pk for c in cards if c.side == side for pk in [*c.ranked, *c.refused]}
        for row in model.objects.filter(pk__in=ids).select_related("person"):
            names[(side, row.pk)] = row.person.short_name

    def named(c, ids) -> list[str]:
        return [names.get((c.side, pk), "") for pk in ids]

    header = [_("Сессия Mentor Match"), _("Сторона"), _("Хотел бы продолжить"), _("Не хотел бы"), _("Заполнена")]
    rows = [[str(c.session), c.get_side_display(), named(c, c.ranked), named(c, c.refused), c.filled_at] for c in cards]
    _sheet(book, _("Карточки предпочтений"), header, rows)


def _survey_sheets(book: Workbook, person: Person) -> None:
    """Questionnaire answers about the person (and those they gave about themselves), one row per answer."""
    answer = _model("surveys", "Answer")
    if answer is None:
        return
    about = Q(response__about=person) | Q(response__about__isnull=True, response__respondent=person)
    try:
        answers = list(
            answer.objects.filter(about)
            .select_related("question", "response__version__survey", "response__respondent")
            .order_by("response__submitted_at", "response_id", "question__position")
        )
    except FieldError:
        return  # the surveys app changed shape; nothing to read the old way
    header = [_("Анкета"), _("Заполнено"), _("Кто заполнил"), _("Вопрос"), _("Ответ")]
    rows = [
        [
            a.response.version.survey.title,
            a.response.submitted_at,
            a.response.respondent.short_name if a.response.respondent else "",
            a.question.text,
            a.value,
        ]
        for a in answers
    ]
    _sheet(book, _("Ответы на анкеты"), header, rows)


# Further things stage apps keep about a person: (app, model, lookup, sheet title).
_EXTRA = (
    ("intake", "Interview", lambda p: Q(candidate__person=p), gettext_lazy("Собеседования")),
    ("mentorships", "Wish", lambda p: Q(person=p), gettext_lazy("Таблица желаний")),
    ("mentorships", "Reflection", lambda p: Q(person=p), gettext_lazy("Дневники встреч")),
    ("mentorships", "ChangeRequest", lambda p: Q(subject=p), gettext_lazy("Обращения о замене")),
    ("mentorships", "PersonalPlan", lambda p: Q(mentorship__mentee=p), gettext_lazy("Персонализированная программа")),
    ("mentorships", "Goal", lambda p: Q(mentorship__mentee=p), gettext_lazy("Карта целей")),
)


def _extra_sheets(book: Workbook, person: Person) -> None:
    for app_label, model_name, lookup, title in _EXTRA:
        model = _model(app_label, model_name)
        if model is None:
            continue
        try:
            rows = list(model.objects.filter(lookup(person)))
        except FieldError:
            continue
        _sheet(book, title, *_model_table(model, rows))


def _model(app_label: str, name: str):
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None
