"""Pages of Mentor Match: the sessions of an organisation, the session wizard (participants → rotation → cards →
proposals → confirmation → order) and the public preference card opened by its one-time link.

Thin views: find the object, ask the policy (404 when invisible, 403 when refused), call a service, render. Every
curator page needs `ORG_MANAGE_MATCHING` in the session's organisation.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from nastavnik import policy
from nastavnik.forms import posted_version
from nastavnik.locking import EditConflict, conflict_text
from nastavnik.matching import forms, selectors, services
from nastavnik.matching.models import (
    MatchSession,
    Objective,
    PairDecision,
    PreferenceCard,
    SessionMentee,
    SessionMentor,
)
from nastavnik.mentorships.models import Mentorship
from nastavnik.orgs.models import Organization
from nastavnik.pagecache import kept_page
from nastavnik.pages import organization_index
from nastavnik.people.picker import picked_into
from nastavnik.privacy.services import access_log_record, access_log_record_many

MANAGE = policy.Action.ORG_MANAGE_MATCHING
Status = MatchSession.Status
STEPS = [
    ("participants", gettext_lazy("Участники")),
    ("rotation", gettext_lazy("Ротация")),
    ("cards", gettext_lazy("Карточки")),
    ("proposals", gettext_lazy("Предложения пар")),
    ("order", gettext_lazy("Пары и приказ")),
]
ORDER_OF_STATUS = [Status.DRAFT, Status.ROTATION, Status.CARDS, Status.PROPOSED, Status.CONFIRMED]


# --- helpers --------------------------------------------------------------------------------------------------------


def _org(request: HttpRequest, code: str) -> Organization:
    organization = get_object_or_404(Organization, code=code)
    policy.require(request.user, MANAGE, organization)
    return organization


def _session(request: HttpRequest, pk: int) -> MatchSession:
    session = get_object_or_404(MatchSession.objects.select_related("organization", "program__form"), pk=pk)
    policy.require(request.user, MANAGE, session.organization)
    return session


def _error_text(error: ValidationError) -> str:
    if isinstance(error, EditConflict):  # a message line has no table: the difference in words
        return conflict_text(error)
    return " ".join(error.messages)


def _steps(session: MatchSession, active: str) -> list[dict]:
    reached = ORDER_OF_STATUS.index(session.status)
    has_participants = session.mentors.exists() and session.mentees.exists()
    enabled = {
        "participants": True,
        "rotation": has_participants,
        "cards": reached >= 1,
        "proposals": reached >= 1,
        "order": reached >= 4,
    }
    return [
        {
            "code": code,
            "title": title,
            "url": reverse(f"matching_{code}", args=[session.pk]),
            "enabled": enabled[code],
            "active": code == active,
        }
        for code, title in STEPS
    ]


def _context(session: MatchSession, step: str, **extra) -> dict:
    return {"session": session, "organization": session.organization, "steps": _steps(session, step), **extra}


def _log_people(request: HttpRequest, session: MatchSession, action: str) -> None:
    access_log_record_many(request=request, people=selectors.session_people(session), action=action)


# --- sessions -------------------------------------------------------------------------------------------------------


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return organization_index(
        request, roles=policy.MANAGERS, url_name="matching_sessions", template="matching/index.html"
    )


@login_required
@kept_page
def session_list(request: HttpRequest, org: str) -> HttpResponse:
    organization = _org(request, org)
    programs = selectors.open_programs(organization=organization)
    form = forms.SessionForm(request.POST or None, programs=programs)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(organization=organization, created_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Сессия создана. Выберите участников."))
            return redirect("matching_participants", pk=session.pk)
    context = {
        "organization": organization,
        "sessions": selectors.sessions_of(organization=organization),
        "form": form,
    }
    return render(request, "matching/session_list.html", context, status=400 if form.errors else 200)


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    step = {
        Status.DRAFT: "participants",
        Status.ROTATION: "rotation",
        Status.CARDS: "cards",
        Status.PROPOSED: "proposals",
        Status.CONFIRMED: "order",
    }[session.status]
    return redirect(f"matching_{step}", pk=session.pk)


# --- participants and rotation --------------------------------------------------------------------------------------


@login_required
@kept_page
def participants(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    pools = selectors.participants_of(session=session)  # the pools and their consents read once
    candidates, requests = pools.mentors, pools.mentees
    places = selectors.mentor_places(candidates=candidates)  # cycle: capacity minus active pairs
    session_mentors = list(session.mentors.all())
    chosen = {
        "mentors": [m.candidate_id for m in session_mentors],
        "mentees": [e.request_id for e in session.mentees.all()],
        **{f"capacity_{c.pk}": places[c.pk].free for c in candidates},
        **{f"capacity_{m.candidate_id}": m.capacity for m in session_mentors},
    }
    form = forms.ParticipantsForm(
        request.POST or None,
        initial=chosen,
        candidates=candidates,
        requests=requests,
        places=places,
        organization=session.organization,
        version=session.version,
    )
    if request.method != "POST":
        picked_into(form, request)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # the list and its timetable together, or neither
                services.participants_set(session=session, mentors=form.chosen_mentors(), mentees=form.chosen_mentees(),
                                          version=form.cleaned_data["version"])
                services.rotation_build(session=session)
        except EditConflict as conflict:
            form.conflict_show(conflict)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Участники выбраны, ротация составлена."))
            return redirect("matching_rotation", pk=session.pk)
    locked = session.cards.filter(filled_at__isnull=False).exists() or session.status not in (
        Status.DRAFT,
        Status.ROTATION,
    )
    lacking = pools.lacking  # cycle: who lacks which consent the work needs
    shown = [c.person for c in candidates] + [r.person for r in requests]
    access_log_record_many(request=request, people=shown, action="matching.participants")
    context = _context(session, "participants", form=form, locked=locked, lacking=lacking)
    status = 409 if form.conflict else 400 if form.errors else 200
    return render(request, "matching/participants.html", context, status=status)


@login_required
@kept_page
def rotation_page(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    if request.method == "POST":
        try:
            services.rotation_build(session=session)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Ротация составлена заново."))
        return redirect("matching_rotation", pk=session.pk)
    rounds = selectors.timetable(session=session)
    context = _context(session, "rotation", rounds=rounds, tables=selectors.tables_count(session=session))
    return render(request, "matching/rotation.html", context)


@login_required
def rotation_print(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    rounds = selectors.timetable(session=session)
    return render(
        request,
        "matching/rotation_print.html",
        {"session": session, "rounds": rounds, "tables": selectors.tables_count(session=session)},
    )


# --- cards ----------------------------------------------------------------------------------------------------------


def _card_link(request: HttpRequest, card: PreferenceCard) -> str:
    return request.build_absolute_uri(reverse("matching_card_public", args=[card.token]))


@login_required
@kept_page
def cards(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    if request.method == "POST":
        try:
            sent, missing = services.card_links_send(session=session, link_for=lambda c: _card_link(request, c))
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(
                request,
                _("Ссылки отправлены: %(sent)s. Без адреса электронной почты: %(missing)s — раздайте им ссылки лично.")
                % {"sent": sent, "missing": missing},
            )
        return redirect("matching_cards", pk=session.pk)
    rows = [(card, _card_link(request, card)) for card in selectors.cards_of(session=session)]
    _log_people(request, session, "matching.cards")
    filled = sum(1 for card, _link in rows if card.is_filled)
    context = _context(session, "cards", rows=rows, filled=filled, total=len(rows))
    return render(request, "matching/cards.html", context)


@login_required
def card_enter(request: HttpRequest, pk: int, card_pk: int) -> HttpResponse:
    """The curator types in a paper card (or corrects one)."""
    session = _session(request, pk)
    card = get_object_or_404(PreferenceCard.objects.select_related("person"), pk=card_pk, session=session)
    access_log_record(request=request, person=card.person, action="matching.card")
    form = forms.CardForm(request.POST or None, options=selectors.card_options(card=card), card=card)
    if request.method == "POST" and form.is_valid():
        try:
            services.card_submit(
                card=card,
                ranked=form.ranked(),
                refused=form.refused(),
                entered_by=PreferenceCard.EnteredBy.CURATOR,
                recorded_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Карточка сохранена: %(name)s.") % {"name": card.person.short_name})
            return redirect("matching_cards", pk=session.pk)
    context = _context(session, "cards", card=card, form=form)
    return render(request, "matching/card_enter.html", context, status=400 if form.errors else 200)


@policy.public
def card_public(request: HttpRequest, token: str) -> HttpResponse:
    """The participant's own card by the one-time link: no account needed, the token is the key."""
    card = selectors.card_by_token(token=token)
    if card is None:
        return _card_problem(request, _("Ссылка не найдена"), _("Проверьте, что ссылка скопирована полностью."), 404)
    session = card.session
    if card.is_filled:
        return _card_problem(request, _("Карточка уже заполнена"), _("Спасибо! Ваши ответы получены."), 410)
    if session.status == Status.CONFIRMED:
        return _card_problem(request, _("Приём карточек завершён"), _("Пары уже сформированы."), 410)
    form = forms.CardForm(request.POST or None, options=selectors.card_options(card=card))
    if request.method == "POST" and form.is_valid():
        try:
            services.card_submit(card=card, ranked=form.ranked(), refused=form.refused())
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            return _card_problem(request, _("Спасибо!"), _("Ваша карточка сохранена. Куратор сообщит о парах."), 200)
    context = {"card": card, "session": session, "form": form}
    return render(request, "matching/card_public.html", context, status=400 if form.errors else 200)


def _card_problem(request: HttpRequest, title: str, text: str, status: int) -> HttpResponse:
    return render(request, "matching/card_message.html", {"title": title, "text": text}, status=status)


# --- proposals and the curator's decisions --------------------------------------------------------------------------


def _proposals_page(
    request: HttpRequest, session: MatchSession, *, error: str = "", notice: str = "", conflict=None
) -> HttpResponse:
    views = selectors.proposal_views(session=session)
    mentors = selectors.session_mentors(session)
    decisions = selectors.decisions_of(session)
    locks = {(d.mentor_id, d.mentee_id): d for d in decisions if d.kind == PairDecision.Kind.LOCK}
    for view in views.values():
        for block in view.blocks:
            for row in block.pairs:
                row.decision = locks.get((row.mentor.pk, row.mentee.pk))
    former = selectors.former_mentor_pairs(session=session)  # cycle: say why the old mentor is forbidden
    for d in decisions:
        d.former_mentor = (d.mentor.person_id, d.mentee.person_id) in former
    context = _context(
        session,
        "proposals",
        views=views,
        objectives=[(code, label) for code, label in Objective.choices if code in views],
        metric_rows=selectors.metric_table(views),
        stale=selectors.proposals_stale(session=session, proposals={o: v.proposal for o, v in views.items()}),
        forbids=[d for d in decisions if d.kind == PairDecision.Kind.FORBID],
        mentors=mentors,
        # A long list of the session's mentors gets a search box that narrows the «Назначить» list (static/js).
        long_mentors=len(mentors) > forms.LONG_LIST,
        editable=session.status != Status.CONFIRMED,
        error=error,
        notice=notice,
        conflict=conflict,
    )
    return render(request, "matching/proposals.html", context)


@login_required
@kept_page
def proposals(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    if request.method == "POST":
        try:
            services.proposals_compute(session=session, created_by=request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Предложения пар рассчитаны."))
        return redirect("matching_proposals", pk=session.pk)
    _log_people(request, session, "matching.proposals")
    return _proposals_page(request, session)


def _after_decision(
    request: HttpRequest, session: MatchSession, *, error: str = "", notice: str = "", conflict=None
) -> HttpResponse:
    """Re-run for the rest after each decision, then the proposals again (HTMX) or back to the page."""
    session.refresh_from_db()  # another curator's change shows, and the buttons carry the current version
    if not error and session.status == Status.PROPOSED:
        try:
            services.proposals_compute(session=session, created_by=request.user)
        except ValidationError as exc:
            error = _error_text(exc)
    if request.htmx:
        if conflict:  # the page shows it as a table, with the session as it is now around it
            return _proposals_page(request, session, notice=notice, conflict=conflict)
        return _proposals_page(request, session, error=error, notice=notice)
    if error:
        messages.error(request, error)
    elif notice:
        messages.success(request, notice)
    return redirect(reverse("matching_proposals", args=[session.pk]) + "#proposals")


@login_required
@require_POST
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    """Lock, forbid or assign a pair, or remove such a decision."""
    session = _session(request, pk)
    action = request.POST.get("action", "")
    version = posted_version(request.POST)
    error = notice = ""
    conflict = None
    try:
        if action == "remove":
            found = get_object_or_404(PairDecision, pk=request.POST.get("decision") or 0, session=session)
            services.decision_remove(decision=found, version=version)
            notice = _("Решение снято.")
        else:
            mentor = get_object_or_404(SessionMentor, pk=request.POST.get("mentor") or 0, session=session)
            mentee = get_object_or_404(SessionMentee, pk=request.POST.get("mentee") or 0, session=session)
            names = {"mentor": mentor.person.short_name, "mentee": mentee.person.short_name}
            if action == "lock":
                services.pair_lock(
                    session=session, mentor=mentor, mentee=mentee, created_by=request.user, version=version
                )
                notice = _("Пара %(mentor)s — %(mentee)s закреплена.") % names
            elif action == "assign":
                services.pair_assign(
                    session=session, mentor=mentor, mentee=mentee, created_by=request.user, version=version
                )
                notice = _("%(mentee)s: назначен наставник %(mentor)s.") % names
            elif action == "forbid":
                services.pair_forbid(
                    session=session, mentor=mentor, mentee=mentee, created_by=request.user, version=version
                )
                notice = _("Пара %(mentor)s — %(mentee)s запрещена.") % names
            else:
                raise Http404(_("Страница не найдена"))
    except ValidationError as exc:
        error = _error_text(exc)
        conflict = exc if isinstance(exc, EditConflict) else None
    return _after_decision(request, session, error=error, notice=notice, conflict=conflict)


@login_required
@require_POST
def keep_searching(request: HttpRequest, pk: int, mentee_pk: int) -> HttpResponse:
    session = _session(request, pk)
    mentee = get_object_or_404(SessionMentee.objects.select_related("person"), pk=mentee_pk, session=session)
    error = notice = ""
    conflict = None
    try:
        services.mentee_keep_searching(
            session_mentee=mentee, changed_by=request.user, version=posted_version(request.POST)
        )
        notice = _("%(name)s: поиск наставника продолжается, отмечена поддержка педагога-психолога.") % {
            "name": mentee.person.short_name
        }
    except ValidationError as exc:
        error = _error_text(exc)
        conflict = exc if isinstance(exc, EditConflict) else None
    return _after_decision(request, session, error=error, notice=notice, conflict=conflict)


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    try:
        created = services.proposal_confirm(
            session=session, objective=request.POST.get("objective", ""), confirmed_by=request.user,
            version=posted_version(request.POST),
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("matching_proposals", pk=session.pk)
    messages.success(
        request,
        _("Сформировано пар и групп: %(n)s (статус «предложена»). После встречи-знакомства пара подтверждается.")
        % {"n": len(created)},
    )
    return redirect("matching_order", pk=session.pk)


# --- the order ------------------------------------------------------------------------------------------------------


@login_required
@kept_page
def order(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    mentorships = session.mentorships.select_related("mentor", "mentee", "role_model").prefetch_related(
        "members__person"
    )
    pending = mentorships.filter(status__in=[Mentorship.Status.PROPOSED, Mentorship.Status.CONFIRMED])
    form = forms.PairsOrderForm(request.POST or None, organization=session.organization, pending=pending)
    if request.method != "POST":
        picked_into(form, request)
    can_issue = policy.can(request.user, policy.Action.ORG_ISSUE_ORDERS, session.organization)
    if request.method == "POST":
        policy.require(request.user, policy.Action.ORG_ISSUE_ORDERS, session.organization)
        if form.is_valid():
            try:
                services.pairs_order_issue(
                    session=session,
                    mentorships=list(form.cleaned_data["mentorships"]),
                    exceptions=list(form.cleaned_data.get("exceptions") or []),
                    date=form.cleaned_data["date"],
                    signed_by=form.cleaned_data["signed_by"],
                    created_by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, _error_text(error))
            else:
                messages.success(
                    request,
                    _("Проект приказа об утверждении пар и групп передан руководителю на подпись: пары будут "
                      "утверждены, когда приказ подпишут."),
                )
                return redirect("matching_order", pk=session.pk)
    context = _context(
        session,
        "order",
        mentorships=mentorships,
        form=form,
        can_issue=can_issue and pending.exists(),
        orders=session.orders.order_by("-pk"),
    )
    return render(request, "matching/order.html", context, status=400 if form.errors else 200)
