"""The organisation page: an overview across the whole cycle, so it lives with the other overviews."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from nastavnik import policy
from nastavnik.dashboard.selectors import org_figures
from nastavnik.orgs.models import Membership, Organization, Role


@login_required
def org_list(request: HttpRequest) -> HttpResponse:
    orgs = list(policy.scope_organizations(request.user, Organization.objects.select_related("municipality")))
    if len(orgs) == 1:
        return redirect("org", code=orgs[0].code)
    return render(request, "orgs/org_list.html", {"organizations": orgs})


@login_required
def org_detail(request: HttpRequest, code: str) -> HttpResponse:
    org = get_object_or_404(Organization.objects.select_related("municipality"), code=code)
    policy.require(request.user, policy.Action.ORG_VIEW, org)
    see_people = policy.can(request.user, policy.Action.ORG_VIEW_PEOPLE, org)
    staff = (
        Membership.objects.filter(
            organization=org,
            role__in=[Role.DIRECTOR, Role.COORDINATOR, Role.CURATOR, Role.PSYCHOLOGIST, Role.METHOD_HEAD],
        )
        .select_related("person")
        .order_by("role", "person__last_name")
        if see_people
        else []
    )
    # The municipal coordinator sees this page too, but only figures: names are for the organisation's own staff.
    context = {
        "org": org,
        "see_people": see_people,
        "manage_programs": policy.can(request.user, policy.Action.ORG_MANAGE_PROGRAMS, org),
        "can_appoint": policy.can(request.user, policy.Action.ORG_APPOINT, org),
        "sections": _sections(request.user, org),
        "staff": staff,
        "programs": [
            (program, policy.can(request.user, policy.Action.PROGRAM_VIEW, program))
            for program in org.programs.select_related("form").order_by("-starts_on")
        ],
        "roadmaps": org.roadmaps.filter(program__isnull=True),
        # Exact counts are for the organisation's own people; the municipal level gets them suppressed on its
        # own pages (issue 13: a count from 1 to 9 is never shown there).
        "figures": org_figures(organizations=[org])[0] if _inside(request.user, org) else None,
    }
    return render(request, "orgs/org_detail.html", context)


def _inside(user, org: Organization) -> bool:
    actor = policy.actor_for(user)
    return actor.is_superuser or bool(actor.roles_in(org.pk))


# The organisation's working areas in the order of the cycle: (title, hint, url name, action that opens it).
_SECTIONS = [
    (_("База наставляемых"), _("запросы, анализ, статусы"), "intake_mentees", policy.Action.ORG_MANAGE_INTAKE),
    (_("База наставников"), _("кандидаты, собеседования, реестр"), "intake_mentors", policy.Action.ORG_MANAGE_INTAKE),
    (_("Школа наставника"), _("программа, занятия, посещаемость"), "intake_trainings", policy.Action.ORG_MANAGE_INTAKE),
    (
        _("Подбор пар (Mentor Match)"),
        _("сессии, карточки, предложения"),
        "matching_sessions",
        policy.Action.ORG_MANAGE_MATCHING,
    ),
    (_("Приказы"), _("реестр приказов, DOCX и PDF"), "order_register", policy.Action.ORG_VIEW_ORDERS),
    (
        _("Согласия на обработку ПД"),
        _("у кого каких согласий нет"),
        "privacy_org_consents",
        policy.Action.ORG_MANAGE_CONSENTS,
    ),
    (_("Списки из XLSX/CSV"), _("загрузка и выгрузка"), "roster_import", policy.Action.ORG_MANAGE_PEOPLE),
    (_("Журнал доступа к ПД"), _("кто чьи данные открывал"), "privacy_org_audit", policy.Action.ORG_VIEW_AUDIT),
    (_("Акты уничтожения ПД"), _("по истечении срока"), "privacy_org_destruction", policy.Action.ORG_VIEW_AUDIT),
    (_("События безопасности"), _("входы, отказы, выгрузки, роли"), "security_events", policy.Action.ORG_VIEW_SECURITY),
]


def _sections(user, org: Organization) -> list[dict[str, str]]:
    sections = []
    for title, hint, name, action in _SECTIONS:
        if not policy.can(user, action, org):
            continue
        try:
            url = reverse(name, args=[org.code])
        except NoReverseMatch:
            continue  # a section whose app is not installed in this deployment
        sections.append({"title": title, "hint": hint, "url": url})
    return sections
