"""The personalised programme as DOCX: the context for `docx/personal_plan.docx` (see build_templates.py)."""

from __future__ import annotations

from pathlib import Path

from nastavnik.documents.builders import head_title
from nastavnik.documents.rendering import render_docx
from nastavnik.documents.ru import count_ru, date_long, date_short, period_ru, person_initials_before
from nastavnik.mentorships.models import PersonalPlan
from nastavnik.mentorships.selectors import mentorship_people
from nastavnik.orgs.models import Membership, Role

TEMPLATE = Path(__file__).resolve().parent / "docx" / "personal_plan.docx"
BLANK = "____________________"
APPROVAL_BLANK = "Приказ № _____ от «____» ____________ 20___ г."


def _lines(text: str) -> list[str]:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines or [BLANK]


def _months(plan: PersonalPlan) -> str:
    months = round((plan.ends_on - plan.starts_on).days / 30.44)
    return count_ru(max(months, 1), "месяц", "месяца", "месяцев")


def _director(organization) -> str:
    membership = (
        Membership.objects.filter(organization=organization, role=Role.DIRECTOR, person__anonymised_at__isnull=True)
        .select_related("person")
        .order_by("pk")
        .first()
    )
    if membership is None:
        return BLANK
    p = membership.person
    return person_initials_before(p)


def _person_info(person) -> str:
    parts = [person.get_category_display()]
    if person.school_class:
        parts.append(person.school_class)
    if person.subject:
        parts.append(person.subject)
    return ", ".join(parts)


def plan_context(plan: PersonalPlan) -> dict:
    m = plan.mentorship
    org = m.program.organization
    people = mentorship_people(mentorship=m)
    mentees = people["mentees"]
    participants = [{"role": "Наставник", "name": p.full_name, "info": _person_info(p)} for p in people["mentors"]]
    participants += [{"role": "Наставляемый", "name": p.full_name, "info": _person_info(p)} for p in mentees]
    participants += [{"role": "Куратор", "name": p.full_name, "info": ""} for p in m.program.curators.all()]
    activities = [
        {
            "title": a.title,
            "deadline": date_short(a.deadline),
            "responsible": a.get_responsible_display(),
            "result": a.result,
            "done": f"выполнено {date_short(a.done_on)}" if a.done_on else "",
        }
        for a in plan.activities.all()
    ]
    goals = []
    for g in m.goals.prefetch_related("steps"):
        steps = list(g.steps.order_by("deadline", "pk"))
        goals.append(
            {
                "number": g.number,
                "title": g.title,
                "desired_result": g.desired_result,
                "indicator": g.indicator,
                "steps": [f"{s.text} (до {date_short(s.deadline)})" if s.deadline else s.text for s in steps],
                "marks": [f"{s.mark or 'выполнено'} {date_short(s.done_on)}" for s in steps if s.done_on],
            }
        )
    interval = m.program.meeting_interval_days
    meetings = f"Регулярные встречи проводятся не реже одного раза в {count_ru(interval, 'день', 'дня', 'дней')}"
    if plan.meetings_planned:
        meetings += f"; запланировано встреч: {plan.meetings_planned}"
    if plan.meetings_format:
        meetings += f"; формат: {plan.meetings_format}"
    signatures = [{"role": "Наставник", "name": person_initials_before(p)} for p in people["mentors"]]
    signatures += [{"role": "Наставляемый", "name": person_initials_before(p)} for p in mentees]
    signatures += [{"role": "Куратор", "name": person_initials_before(p)} for p in m.program.curators.all()]
    return {
        "org": {"name": org.name, "short_name": org.short_name},
        "director_position": head_title(org),
        "director": _director(org),
        "approved_text": f"Утверждена {date_long(plan.approved_on)}" if plan.approved_on else APPROVAL_BLANK,
        "form": m.program.form.name,
        "role_model_text": f", ролевая модель «{m.role_model.name}»" if m.role_model else "",
        "mentor": m.mentor.short_name,
        "mentees_label": "наставляемые" if len(mentees) > 1 else "наставляемый",
        "mentees": ", ".join(p.short_name for p in mentees),
        "year": plan.starts_on.year,
        "goal": m.goal or BLANK,
        "difficulties": _lines(plan.difficulties),
        "strengths": _lines(plan.strengths),
        "directions": _lines(plan.directions),
        "expected_results": _lines(plan.expected_results),
        "period": period_ru(plan.starts_on, plan.ends_on),
        "duration": _months(plan),
        "kind": plan.get_kind_display().lower(),
        "contact_mode": plan.get_contact_mode_display().lower(),
        "participants": participants,
        "activities": activities,
        "goals": goals,
        "meetings_text": meetings + ".",
        "signatures": signatures,
    }


def plan_docx(plan: PersonalPlan) -> bytes:
    return render_docx(template=TEMPLATE, context=plan_context(plan))


def plan_filename(plan: PersonalPlan) -> str:
    m = plan.mentorship
    return f"programma_{m.pk}_{plan.starts_on:%Y%m%d}.docx"
