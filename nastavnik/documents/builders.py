"""Per-kind payload checking and DOCX context building for orders.

`clean(payload, organization)` checks what the caller sent and turns it into a snapshot: people resolved to the
names and positions they have on the day of issue. The snapshot is what `Order.payload` keeps, so the document
can be rendered again later exactly as issued, whatever happens to the people afterwards.
`context(snapshot)` turns a snapshot into the kind's template variables (see `build_templates.py`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from nastavnik.documents import wording
from nastavnik.documents.ru import as_date, count_ru, date_short, date_words, period_ru, sentence_case
from nastavnik.orgs.models import Membership, Organization, Role
from nastavnik.people import names
from nastavnik.people.models import Person

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # keep \n and \t: docxtpl turns them into breaks/tabs
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*(?:[-–—]\s*(\d{1,2})[:.](\d{2}))?\s*$")


class Errors:
    """Collects every problem of a payload so the user sees them all at once."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, message: str) -> None:
        self.messages.append(message)

    def raise_if_any(self) -> None:
        if self.messages:
            raise ValidationError(self.messages)


# --- small checkers ---------------------------------------------------------------------------------------------


def text(value: Any) -> str:
    return _CONTROL_CHARS.sub("", str(value or "")).replace("\r\n", "\n").strip()


def lines(value: Any) -> list[str]:
    """A list of non-empty strings from a list or a multi-line text; trailing «;» and «.» dropped."""
    items = value.splitlines() if isinstance(value, str) else list(value or [])
    cleaned = (text(item).lstrip("–-•· ").rstrip(";.").strip() for item in items)
    return [item for item in cleaned if item]


def date_or_none(value: Any, label: str, errors: Errors, *, required: bool = True) -> dt.date | None:
    if value in (None, ""):
        if required:
            errors.add(_("Не указана дата: %(label)s.") % {"label": label})
        return None
    try:
        return as_date(value)
    except (TypeError, ValueError):
        errors.add(_("Неверная дата «%(value)s»: %(label)s.") % {"value": value, "label": label})
        return None


def period(
    payload: dict, errors: Errors, label: str, *, one_day: bool = False
) -> tuple[dt.date | None, dt.date | None]:
    """Start and end of a period; `one_day` allows them to coincide (a one-day mentor school)."""
    start = date_or_none(payload.get("starts_on"), _("начало периода (%(l)s)") % {"l": label}, errors)
    end = date_or_none(payload.get("ends_on"), _("окончание периода (%(l)s)") % {"l": label}, errors)
    if start and end and (end < start or (end == start and not one_day)):
        errors.add(_("Окончание периода должно быть позже его начала (%(l)s).") % {"l": label})
    return start, end


def time_range(value: Any, errors: Errors) -> str:
    match = _TIME.match(str(value or ""))
    if not match:
        errors.add(_("Неверное время «%(value)s»: укажите, например, 15:00 или 15:00–16:30.") % {"value": value})
        return ""
    h1, m1, h2, m2 = match.groups()
    start = f"{int(h1):02d}:{m1}"
    return f"{start}–{int(h2):02d}:{m2}" if h2 else start


def ids(value: Any, label: str, errors: Errors) -> list[int]:
    raw = value if isinstance(value, list | tuple | set) else ([value] if value not in (None, "") else [])
    result: list[int] = []
    for item in raw:
        try:
            result.append(int(getattr(item, "pk", item)))
        except (TypeError, ValueError):
            errors.add(_("Неверный идентификатор «%(value)s»: %(label)s.") % {"value": item, "label": label})
    return list(dict.fromkeys(result))


# --- people ---------------------------------------------------------------------------------------------------------


def head_title(org: Organization) -> str:
    return "Заведующий" if org.kind == Organization.Kind.KINDERGARTEN else "Директор"


def _roles_by_person(person_ids: Iterable[int], org: Organization) -> dict[int, set[str]]:
    roles: dict[int, set[str]] = {}
    for pid, role, position in Membership.objects.filter(person_id__in=list(person_ids), organization=org).values_list(
        "person_id", "role", "position"
    ):
        roles.setdefault(pid, set()).add(role)
        if position:
            roles[pid].add(f"position:{position}")
    return roles


def position_of(person: Person, org: Organization, roles: set[str]) -> str:
    """A person's position as orders write it: the job recorded with their role in the organisation
    («заместитель директора по УВР»), else the head's title, else what the person record says (never a pupil's
    class for staff, never «педагог» for everybody)."""
    recorded = sorted(r.split(":", 1)[1] for r in roles if r.startswith("position:"))
    if recorded and person.organization_id == org.pk:
        return recorded[0]
    if Role.DIRECTOR in roles and person.organization_id == org.pk:
        return head_title(org).lower()
    if person.organization_id != org.pk and person.workplace:
        return person.workplace
    category = person.get_category_display().lower()
    if person.category == Person.Category.TEACHER and person.subject:
        return f"{category} ({person.subject})"
    if person.category in {Person.Category.PUPIL, Person.Category.STUDENT} and person.school_class:
        return f"{category} {person.school_class}"
    return person.workplace or category


def people_snapshot(
    person_ids: list[int], org: Organization, errors: Errors, *, label: str, own_only: bool = True
) -> dict[int, dict[str, Any]]:
    """Names and positions of people by id; with own_only, only people of this organisation are accepted."""
    if not person_ids:
        return {}
    qs = Person.objects.filter(pk__in=person_ids, anonymised_at__isnull=True).select_related("organization")
    people = {p.pk: p for p in qs}
    roles = _roles_by_person(people, org)
    result = {}
    for pid in person_ids:
        person = people.get(pid)
        belongs = person is not None and (person.organization_id == org.pk or bool(roles.get(pid)) or not own_only)
        if not belongs:
            errors.add(_("Человек не найден среди участников организации: %(label)s.") % {"label": label})
            continue
        result[pid] = person_entry(person, org, roles.get(pid, set()))
    return result


def person_entry(person: Person, org: Organization, roles: set[str]) -> dict[str, Any]:
    position = position_of(person, org, roles)
    return {
        "person_id": person.pk,
        "name": person.short_name,
        "full_name": person.full_name,
        # The name and the job in the cases orders need: «Назначить координатором Филиппова А. В.,
        # заместителя директора по УВР».
        "name_acc": names.initials_short(person, "acc"),
        "name_dat": names.initials_short(person, "dat"),
        "position": position,
        "position_acc": names.decline_position(position, "acc"),
        "organization": person.organization.short_name if person.organization else (person.workplace or "—"),
    }


def signer_snapshot(org: Organization, signed_by: Person | None) -> dict[str, str]:
    """Who signs: the given person, else the organisation's head; «И. о. директора» when it is not the head."""
    from nastavnik.documents.ru import initials_before

    if signed_by is None:
        membership = (
            Membership.objects.filter(organization=org, role=Role.DIRECTOR, person__anonymised_at__isnull=True)
            .select_related("person")
            .order_by("pk")
            .first()
        )
        if membership is None:
            raise ValidationError(
                _("Не указан руководитель, подписывающий приказ: назначьте руководителя организации.")
            )
        signed_by = membership.person
        is_head = True
    else:
        is_head = Membership.objects.filter(organization=org, role=Role.DIRECTOR, person=signed_by).exists()
    title = head_title(org)
    position = title if is_head else f"И. о. {'заведующего' if title == 'Заведующий' else 'директора'}"
    return {
        "person_id": signed_by.pk,
        "name": initials_before(signed_by.last_name, signed_by.first_name, signed_by.middle_name),
        "position": position,
    }


def org_snapshot(org: Organization, place: str = "") -> dict[str, str]:
    return {
        "name": org.name,
        "short_name": org.short_name,
        "address": org.address,
        "phone": org.phone,
        "email": org.email,
        "place": text(place) or org.municipality.name,
    }


# --- the kinds -----------------------------------------------------------------------------------------------------


def clean_introduce_model(payload: dict, org: Organization) -> dict:
    errors = Errors()
    start, end = period(payload, errors, _("внедрение целевой модели"))
    rows = payload.get("responsible") or []
    if not rows:
        errors.add(_("Назначьте хотя бы одного ответственного за внедрение целевой модели."))
    pids = ids([r.get("person_id") for r in rows], _("ответственный"), errors)
    people = people_snapshot(pids, org, errors, label=_("ответственный"))
    responsible = []
    for row in rows:
        entry = people.get(_int(row.get("person_id")))
        duties = lines(row.get("duties"))
        if entry and not duties:
            errors.add(_("Опишите обязанности ответственного: %(name)s.") % {"name": entry["name"]})
        if entry:
            responsible.append({**entry, "position": text(row.get("position")) or entry["position"], "duties": duties})
    monitoring = []
    for row in payload.get("monitoring") or []:
        what = text(row.get("what"))
        when = date_or_none(row.get("date"), what or _("мониторинг"), errors)
        if when and start and end and not start <= when <= end:
            errors.add(_("Срок мониторинга %(date)s вне периода внедрения.") % {"date": date_short(when)})
        if when:
            monitoring.append({"what": what or _("мониторинг"), "date": when.isoformat()})
    if not monitoring:
        errors.add(_("Укажите хотя бы один срок мониторинга эффективности программ наставничества."))
    results = lines(payload.get("results"))
    if not results:
        errors.add(_("Укажите планируемые результаты внедрения целевой модели."))
    errors.raise_if_any()
    return {
        "starts_on": start.isoformat(),
        "ends_on": end.isoformat(),
        "responsible": responsible,
        "monitoring": sorted(monitoring, key=lambda m: m["date"]),
        "results": results,
    }


def dash_list(items: list[str]) -> str:
    """«– a;» lines inside one table cell (docxtpl turns \n into line breaks), the last ending with a full stop."""
    return "\n".join(f"– {item}{'.' if i == len(items) - 1 else ';'}" for i, item in enumerate(items))


def context_introduce_model(s: dict) -> dict:
    return {
        "period": period_ru(s["starts_on"], s["ends_on"]),
        "responsible": [{**r, "duties_text": dash_list(r["duties"])} for r in s["responsible"]],
        "monitoring": [{"what": m["what"], "date": date_words(m["date"])} for m in s["monitoring"]],
        "results": s["results"],
    }


def clean_appoint_coordinator(payload: dict, org: Organization) -> dict:
    errors = Errors()
    coordinator_ids = ids(payload.get("coordinator_id"), _("координатор"), errors)
    if not coordinator_ids:
        errors.add(_("Выберите координатора."))
    curator_rows = [r if isinstance(r, dict) else {"person_id": r} for r in payload.get("curators") or []]
    curator_ids = ids([r.get("person_id") for r in curator_rows], _("куратор"), errors)
    if not curator_ids:
        errors.add(_("Выберите хотя бы одного куратора."))
    people = people_snapshot(coordinator_ids + curator_ids, org, errors, label=_("координатор или куратор"))
    areas = {_int(r.get("person_id")): text(r.get("area")) for r in curator_rows}
    coordinator_duties = lines(payload.get("coordinator_duties")) or wording.COORDINATOR_DUTIES
    curator_duties = lines(payload.get("curator_duties")) or wording.CURATOR_DUTIES
    errors.raise_if_any()
    return {
        "coordinator": people[coordinator_ids[0]],
        "curators": [{**people[pid], "area": areas.get(pid, "")} for pid in curator_ids],
        "coordinator_duties": coordinator_duties,
        "curator_duties": curator_duties,
    }


def context_appoint_coordinator(s: dict) -> dict:
    return {
        "coordinator": s["coordinator"],
        "curators": [{**c, "area_text": f" — {c['area']}" if c["area"] else ""} for c in s["curators"]],
        "coordinator_duties": s["coordinator_duties"],
        "curator_duties": s["curator_duties"],
    }


def clean_approve_mentor_registry(payload: dict, org: Organization) -> dict:
    from nastavnik.documents.selectors import approved_mentor_candidates

    errors = Errors()
    wanted = ids(payload.get("candidate_ids"), _("наставник"), errors)
    if not wanted:
        errors.add(_("Выберите наставников для реестра."))
    candidates = {c.pk: c for c in approved_mentor_candidates(organization=org).filter(pk__in=wanted)}
    if len(candidates) != len(wanted):
        errors.add(_("В реестр можно включить только кандидатов со статусом «В реестре наставников»."))
    errors.raise_if_any()
    roles = _roles_by_person([c.person_id for c in candidates.values()], org)
    mentors = []
    for pk in wanted:
        c = candidates[pk]
        entry = person_entry(c.person, org, roles.get(c.person_id, set()))
        if c.person.organization_id == org.pk:
            position = sentence_case(entry["position"])
        else:
            category = c.get_category_display()
            position = f"{category}: {c.person.workplace}" if c.person.workplace else category
        mentors.append(
            {
                **entry,
                "candidate_id": c.pk,
                "position": position,
                "competencies": ", ".join(str(x) for x in c.competencies or []) or "—",
            }
        )
    return {"mentors": sorted(mentors, key=lambda m: m["full_name"])}


def context_approve_mentor_registry(s: dict) -> dict:
    n = len(s["mentors"])
    return {"mentors": s["mentors"], "mentors_count": count_ru(n, "наставник", "наставника", "наставников")}


def clean_mentor_school(payload: dict, org: Organization) -> dict:
    errors = Errors()
    start, end = period(payload, errors, _("обучение наставников"), one_day=True)
    responsible_ids = ids(payload.get("responsible_id"), _("ответственный за обучение"), errors)
    if not responsible_ids:
        errors.add(_("Выберите ответственного за организацию обучения."))
    people = people_snapshot(responsible_ids, org, errors, label=_("ответственный за обучение"))
    topics = lines(payload.get("topics"))
    if not topics:
        errors.add(_("Укажите темы программы обучения."))
    schedule = []
    for row in payload.get("schedule") or []:
        when = date_or_none(row.get("date"), _("занятие"), errors)
        topic = text(row.get("topic"))
        if not topic:
            errors.add(_("Укажите тему каждого занятия в графике."))
        time = time_range(row.get("time"), errors)
        if when and start and end and not start <= when <= end:
            errors.add(_("Занятие %(date)s вне периода обучения.") % {"date": date_short(when)})
        if when:
            schedule.append(
                {"date": when.isoformat(), "time": time, "topic": topic, "responsible": text(row.get("responsible"))}
            )
    if not schedule:
        errors.add(_("Заполните график занятий: хотя бы одно занятие."))
    errors.raise_if_any()
    responsible = people[responsible_ids[0]]
    if payload.get("responsible_position"):
        responsible = {**responsible, "position": text(payload["responsible_position"])}
    return {
        "starts_on": start.isoformat(),
        "ends_on": end.isoformat(),
        "responsible": responsible,
        "topics": topics,
        "schedule": sorted(schedule, key=lambda r: (r["date"], r["time"])),
    }


def context_mentor_school(s: dict) -> dict:
    return {
        "period": period_ru(s["starts_on"], s["ends_on"]),
        "responsible": s["responsible"],
        "topics": s["topics"],
        "schedule": [
            {**r, "date": date_short(r["date"]), "responsible": r["responsible"] or s["responsible"]["name"]}
            for r in s["schedule"]
        ],
    }


def clean_approve_pairs(payload: dict, org: Organization) -> dict:
    errors = Errors()
    start, end = period(payload, errors, _("работа пар и групп"))
    rows = payload.get("pairs") or []
    if not rows:
        errors.add(_("Добавьте хотя бы одну наставническую пару или группу."))
    sides = []
    for row in rows:
        mentors = ids(row.get("mentor_ids") or row.get("mentor_id"), _("наставник"), errors)
        mentees = ids(row.get("mentee_ids") or row.get("mentee_id"), _("наставляемый"), errors)
        if not mentors or not mentees:
            errors.add(_("В каждой паре или группе должны быть наставник и наставляемый."))
        sides.append((mentors, mentees, row))
    all_ids = list(dict.fromkeys(pid for m, e, _row in sides for pid in m + e))
    # Pairs may include external mentors and, where the programme allows, people of other organisations.
    people = people_snapshot(all_ids, org, errors, label=_("участник пары"), own_only=False)
    plan_due = date_or_none(payload.get("plan_due"), _("срок разработки программ"), errors, required=False)
    errors.raise_if_any()
    pairs = [
        {
            "mentors": [people[pid] for pid in m],
            "mentees": [people[pid] for pid in e],
            "form": text(row.get("form")),
            "role_model": text(row.get("role_model")),
        }
        for m, e, row in sides
    ]
    return {
        "starts_on": start.isoformat(),
        "ends_on": end.isoformat(),
        "plan_due": (plan_due or start + dt.timedelta(days=30)).isoformat(),
        "program_title": text(payload.get("program_title")),
        "pairs": pairs,
    }


def context_approve_pairs(s: dict) -> dict:
    def names(people: list[dict]) -> str:
        return "\n".join(p["name"] for p in people)

    n = len(s["pairs"])
    return {
        "period": period_ru(s["starts_on"], s["ends_on"]),
        "plan_due": date_short(s["plan_due"]),
        "program_text": f" программы «{s['program_title']}»" if s["program_title"] else "",
        "pairs_count": count_ru(n, "пара (группа)", "пары (группы)", "пар (групп)"),
        "pairs": [
            {
                "mentors": names(p["mentors"]),
                "mentees": names(p["mentees"]),
                "form": p["form"] or "—",
                "role_model": p["role_model"] or "—",
            }
            for p in s["pairs"]
        ],
    }


def clean_approve_regulation(payload: dict, org: Organization) -> dict:
    """The order approving the regulation (Положение) and the roadmap; the regulation is its appendix, generated
    for the organisation and editable while the order is a draft."""
    errors = Errors()
    raw = payload.get("regulation_text")
    if raw:
        sections = wording.sections_from_text(str(raw))
    else:
        sections = payload.get("sections") or wording.regulation_sections(
            name=org.name, short_name=org.short_name, kind=org.kind
        )
    sections = [
        {"title": text(s.get("title")), "points": [text(p) for p in s.get("points") or [] if text(p)]} for s in sections
    ]
    sections = [s for s in sections if s["title"] and s["points"]]
    if not sections:
        errors.add(_("Положение о наставничестве пустое: напишите хотя бы один раздел."))
    roadmap = lines(payload.get("roadmap_rows"))
    errors.raise_if_any()
    return {
        "sections": sections,
        "roadmap_title": text(payload.get("roadmap_title")) or "Дорожная карта внедрения целевой модели наставничества",
        "roadmap_rows": roadmap,
    }


def revise_approve_regulation(snapshot: dict, changes: dict, org: Organization) -> dict:
    merged = {k: snapshot.get(k) for k in ("sections", "roadmap_title", "roadmap_rows")}
    merged.update(changes)
    return clean_approve_regulation(merged, org)


def context_approve_regulation(s: dict) -> dict:
    return {
        # «Положение о наставничестве в Муниципальном лицее № 5»: the full name declined, as in its first point.
        "org_name_in": wording.in_organisation(s["org"]["name"]),
        "sections": s["sections"],
        "roadmap_title": s["roadmap_title"],
        "roadmap_rows": s["roadmap_rows"],
    }


def clean_generic(payload: dict, org: Organization) -> dict:
    errors = Errors()
    items = lines(payload.get("items"))
    if not items:
        errors.add(_("Укажите хотя бы один пункт приказа."))
    errors.raise_if_any()
    return {
        "items": items,
        "appendix_title": text(payload.get("appendix_title")) or _("Приложение"),
        "appendix_rows": lines(payload.get("appendix_rows")),
    }


def revise_generic(snapshot: dict, changes: dict, org: Organization) -> dict:
    merged = {k: snapshot.get(k) for k in ("items", "appendix_title", "appendix_rows")}
    merged.update(changes)
    return clean_generic(merged, org)


# --- editing a draft built from the bases -----------------------------------------------------------------------
# A draft of any kind is edited in place before signing. The kinds built from the bases keep a snapshot, not the
# payload; `payload_<kind>` turns the snapshot back into a payload, the edits (text lists replaced, lines removed
# by their index in the snapshot's list, people added) are applied to it, and the kind's `clean` checks it all
# again, so an edited draft is held to the same rules as a new one («хотя бы один куратор»).


def payload_introduce_model(s: dict) -> dict:
    return {
        "starts_on": s["starts_on"],
        "ends_on": s["ends_on"],
        "responsible": [
            {"person_id": r["person_id"], "position": r["position"], "duties": r["duties"]} for r in s["responsible"]
        ],
        "monitoring": list(s["monitoring"]),
        "results": s["results"],
    }


def payload_appoint_coordinator(s: dict) -> dict:
    return {
        "coordinator_id": s["coordinator"]["person_id"],
        "curators": [{"person_id": c["person_id"], "area": c.get("area", "")} for c in s["curators"]],
        "coordinator_duties": s["coordinator_duties"],
        "curator_duties": s["curator_duties"],
    }


def payload_approve_mentor_registry(s: dict) -> dict:
    return {"candidate_ids": [m["candidate_id"] for m in s["mentors"]]}


def payload_mentor_school(s: dict) -> dict:
    return {
        "starts_on": s["starts_on"],
        "ends_on": s["ends_on"],
        "responsible_id": s["responsible"]["person_id"],
        "responsible_position": s["responsible"]["position"],
        "topics": s["topics"],
        "schedule": list(s["schedule"]),
    }


def payload_approve_pairs(s: dict) -> dict:
    return {
        "starts_on": s["starts_on"],
        "ends_on": s["ends_on"],
        "plan_due": s["plan_due"],
        "program_title": s["program_title"],
        "pairs": [
            {
                "mentor_ids": [p["person_id"] for p in row["mentors"]],
                "mentee_ids": [p["person_id"] for p in row["mentees"]],
                "form": row["form"],
                "role_model": row["role_model"],
            }
            for row in s["pairs"]
        ],
    }


def rebuilt(unclean: Callable[[dict], dict], clean: Callable[[dict, Organization], dict]):
    """A `revise` for a kind built from the bases: `changes` may replace payload keys (text lists), and carry
    `remove` = {payload list: [indexes]} and `add` = {payload list: [ids or rows]}."""

    def revise(snapshot: dict, changes: dict, org: Organization) -> dict:
        payload = unclean(snapshot)
        payload.update({k: v for k, v in changes.items() if k in payload})
        for key, indexes in (changes.get("remove") or {}).items():
            gone = {int(i) for i in indexes}
            payload[key] = [row for i, row in enumerate(payload.get(key) or []) if i not in gone]
        for key, rows in (changes.get("add") or {}).items():
            payload[key] = [*(payload.get(key) or []), *rows]
        return clean(payload, org)

    return revise


def revise_none(snapshot: dict, changes: dict, org: Organization) -> dict:
    return {}


def context_generic(s: dict) -> dict:
    return {"items": s["items"], "appendix_title": s["appendix_title"], "appendix_rows": s["appendix_rows"]}


# --- who signs «С приказом ознакомлены» by default ------------------------------------------------------------------


def _names(entries: Iterable[dict]) -> list[str]:
    return list(dict.fromkeys(e["name"] for e in entries))


def acquainted_default(kind: str, s: dict) -> list[str]:
    if kind == "introduce_model":
        return _names(s["responsible"])
    if kind == "appoint_coordinator":
        return _names([s["coordinator"], *s["curators"]])
    if kind == "approve_mentor_registry":
        return _names(s["mentors"])
    if kind == "mentor_school":
        return _names([s["responsible"]])
    if kind == "approve_pairs":
        return _names(m for p in s["pairs"] for m in p["mentors"])
    return []


@dataclass(frozen=True)
class Spec:
    template: str
    clean: Callable[[dict, Organization], dict]
    context: Callable[[dict], dict]
    # Changes to a draft before it is signed (see `rebuilt`).
    revise: Callable[[dict, dict, Organization], dict] = revise_none


GENERIC = Spec("order_generic.docx", clean_generic, context_generic, revise_generic)

SPECS: dict[str, Spec] = {
    "introduce_model": Spec(
        "order_introduce_model.docx",
        clean_introduce_model,
        context_introduce_model,
        rebuilt(payload_introduce_model, clean_introduce_model),
    ),
    "appoint_coordinator": Spec(
        "order_appoint_coordinator.docx",
        clean_appoint_coordinator,
        context_appoint_coordinator,
        rebuilt(payload_appoint_coordinator, clean_appoint_coordinator),
    ),
    "approve_mentor_registry": Spec(
        "order_approve_mentor_registry.docx",
        clean_approve_mentor_registry,
        context_approve_mentor_registry,
        rebuilt(payload_approve_mentor_registry, clean_approve_mentor_registry),
    ),
    "mentor_school": Spec(
        "order_mentor_school.docx",
        clean_mentor_school,
        context_mentor_school,
        rebuilt(payload_mentor_school, clean_mentor_school),
    ),
    "approve_pairs": Spec(
        "order_approve_pairs.docx",
        clean_approve_pairs,
        context_approve_pairs,
        rebuilt(payload_approve_pairs, clean_approve_pairs),
    ),
    "approve_regulation": Spec(
        "order_approve_regulation.docx",
        clean_approve_regulation,
        context_approve_regulation,
        revise_approve_regulation,
    ),
}


def spec_for(kind: str) -> Spec:
    """Kinds without a template of their own (final event, reward, other) use the generic one."""
    return SPECS.get(kind, GENERIC)


def _int(value: Any) -> int | None:
    try:
        return int(getattr(value, "pk", value))
    except (TypeError, ValueError):
        return None
