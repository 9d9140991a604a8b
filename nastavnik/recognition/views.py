"""Pages of completion and recognition for the organisation's staff, mentors and jurors.

Thin views: find the object, ask the policy (404 when invisible, 403 when refused), call a service, render.
The public pages live in `views_public.py`.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nastavnik import policy
from nastavnik.documents.rendering import pdf_available
from nastavnik.mentorships.models import Mentorship
from nastavnik.orgs.models import Organization, Role
from nastavnik.pages import organization_index
from nastavnik.people.models import Person
from nastavnik.people.picker import picked_into
from nastavnik.privacy.services import access_log_record_many
from nastavnik.programs.models import Program
from nastavnik.recognition import certificates, forms, selectors, services
from nastavnik.recognition.models import (
    Application,
    ClosingMeeting,
    Closure,
    Contest,
    Festival,
    FestivalAward,
    FestivalGuest,
    HonourEntry,
    Juror,
    News,
    Nomination,
    Practice,
)

A = policy.Action


def _org(request: HttpRequest, code: str, action: policy.Action = A.RECOGNITION_MANAGE) -> Organization:
    organization = get_object_or_404(Organization, code=code)
    policy.require(request.user, action, organization)
    return organization


def _posted(request: HttpRequest):
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _fail(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def _year(today=None) -> int:
    today = today or timezone.localdate()
    return today.year if today.month >= 9 else today.year - 1


def _actor_person(request: HttpRequest) -> Person | None:
    return Person.objects.filter(user_id=request.user.pk).first()


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return organization_index(
        request, roles=frozenset(Role.values) - {Role.MUNICIPAL_COORDINATOR}, url_name="recognition_overview",
        template="recognition/index.html",
    )


@login_required
def overview(request: HttpRequest, org: str) -> HttpResponse:
    organization = _org(request, org, A.RECOGNITION_VIEW)
    manager = policy.can(request.user, A.RECOGNITION_MANAGE, organization)
    if not manager:
        return redirect("recognition_my", org=organization.code)
    year = _year()
    programs = organization.programs.exclude(status=Program.Status.DRAFT).annotate(
        open_pairs=Count("mentorships", filter=~Q(mentorships__status__in=services.CLOSED)),
        pairs=Count("mentorships"),
    ).select_related("closing_meeting").order_by("-starts_on")
    context = {
        "organization": organization,
        "programs": programs,
        "festivals": organization.festivals.all()[:5],
        "contests": organization.contests.all()[:10],
        "year": year,
        "practices_review": organization.practices.filter(status=Practice.Status.REVIEW).count(),
    }
    return render(request, "recognition/overview.html", context)


# --- level 1 and 2 ------------------------------------------------------------------------------------------------


@login_required
def program_completion(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(Program.objects.select_related("organization"), pk=pk)
    policy.require(request.user, A.PROGRAM_MANAGE, program)
    pairs = list(
        program.mentorships.select_related("mentor", "mentee", "closure").order_by("status", "mentor__last_name")
    )
    access_log_record_many(
        request=request, people=[p for m in pairs for p in (m.mentor, m.mentee)], action="recognition.completion"
    )
    answered = selectors.final_answer_counts(mentorships=pairs)
    for m in pairs:
        m.finals_answered, m.finals_total = answered[m.pk]
    meeting = ClosingMeeting.objects.filter(program=program).first()
    meeting_form = forms.ClosingMeetingForm(
        initial={"held_on": meeting.held_on, "attended": meeting.attended, "results": meeting.results}
        if meeting else {"held_on": timezone.localdate()}
    )
    context = {
        "program": program,
        "organization": program.organization,
        "pairs": pairs,
        "meeting": meeting,
        "meeting_form": meeting_form,
        "next_form": forms.NextCycleForm(initial=_next_cycle_dates(program)),
        "open_pairs": sum(1 for m in pairs if m.status not in services.CLOSED),
    }
    return render(request, "recognition/program_completion.html", context)


def _next_cycle_dates(program: Program) -> dict:
    """The next cycle starts the day after this one ends (or today, when that day has passed — never in the past)
    and lasts as long as this one did."""
    starts_on = max(program.ends_on + dt.timedelta(days=1), timezone.localdate())
    return {"starts_on": starts_on, "ends_on": starts_on + (program.ends_on - program.starts_on)}


@login_required
@require_POST
def closing_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(Program, pk=pk)
    policy.require(request.user, A.PROGRAM_MANAGE, program)
    form = forms.ClosingMeetingForm(request.POST)
    if form.is_valid():
        try:
            services.closing_meeting_record(program=program, **form.cleaned_data)
            messages.success(request, _("Итоговая встреча программы отмечена."))
        except ValidationError as exc:
            _fail(request, exc)
    else:
        messages.error(request, _("Проверьте дату, число участников и результаты."))
    return redirect("recognition_program", pk=program.pk)


@login_required
@require_POST
def program_complete(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(Program, pk=pk)
    policy.require(request.user, A.PROGRAM_MANAGE, program)
    try:
        services.program_complete(program=program)
        messages.success(request, _("Программа завершена."))
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("recognition_program", pk=program.pk)


@login_required
@require_POST
def program_next(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(Program, pk=pk)
    policy.require(request.user, A.PROGRAM_MANAGE, program)
    form = forms.NextCycleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Укажите даты нового цикла."))
        return redirect("recognition_program", pk=program.pk)
    try:
        new = services.program_next_cycle(program=program, **form.cleaned_data)
    except ValidationError as exc:
        _fail(request, exc)
        return redirect("recognition_program", pk=program.pk)
    messages.success(request, _("Создана программа следующего цикла «%(t)s».") % {"t": new.title})
    return redirect("program", pk=new.pk)


@login_required
@require_http_methods(["GET", "POST"])
def pair_close(request: HttpRequest, pk: int) -> HttpResponse:
    mentorship = get_object_or_404(
        Mentorship.objects.select_related("program__organization", "mentor", "mentee"), pk=pk
    )
    policy.require(request.user, A.MENTORSHIP_MANAGE, mentorship)
    closure = Closure.objects.filter(mentorship=mentorship).first()
    if request.method == "POST" and request.POST.get("invite"):
        _final_invite(request, mentorship, request.POST["invite"])
        return redirect("recognition_pair_close", pk=mentorship.pk)
    data, _files = _posted(request)
    form = forms.ClosureForm(data)
    if request.method == "POST" and closure is None and form.is_valid():
        try:
            closure = services.closure_record(mentorship=mentorship, created_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Завершение работы пары оформлено."))
            # The sides that have not answered get their personal links now; they may answer after the closure.
            for final in selectors.final_questionnaires(mentorship=mentorship, closure=closure):
                if not final.answered:
                    _final_invite(request, mentorship, final.key)
            return redirect("recognition_program", pk=mentorship.program_id)
    finals = selectors.final_questionnaires(mentorship=mentorship, closure=closure)
    _final_answers(request, finals)
    access_log_record_many(request=request, people=[f.person for f in finals], action="recognition.closure")
    context = {"mentorship": mentorship, "closure": closure, "form": form, "steps": services.CLOSURE_STEPS,
               "finals": finals}
    return render(request, "recognition/pair_close.html", context, status=400 if form.errors else 200)


def _final_invite(request: HttpRequest, mentorship: Mentorship, key: str) -> None:
    """Send one participant their final questionnaire (`key`: a lead's side, or «side:person» for a group's further
    member); say where the link went (or show it when there is no e-mail)."""
    side, _sep, person = key.partition(":")
    try:
        invitation = services.final_questionnaire_invite(
            mentorship=mentorship, side=side, person_id=int(person) if person.isdigit() else None,
            created_by=request.user,
            link_for=lambda inv: request.build_absolute_uri(reverse("survey_public", args=[inv.token])),
        )
    except ValidationError as exc:
        messages.warning(request, " ".join(exc.messages))
        return
    person = invitation.person
    if person.email:
        messages.success(request, _("%(p)s: ссылка на итоговую анкету отправлена.") % {"p": person.short_name})
    else:
        link = request.build_absolute_uri(reverse("survey_public", args=[invitation.token]))
        messages.info(request, _("У %(p)s нет адреса почты: передайте личную ссылку на итоговую анкету — %(link)s")
                      % {"p": person.short_name, "link": link})


def _final_answers(request: HttpRequest, finals) -> None:
    """Attach the answers of the final questionnaires this user may read (the surveys' rule); each read logged."""
    from nastavnik.surveys import selectors as survey_selectors

    ids = [f.response.pk for f in finals if f.response is not None]
    visible = set(survey_selectors.responses_visible(user=request.user).filter(pk__in=ids).values_list("pk", flat=True))
    for f in finals:
        f.answers = survey_selectors.response_answers(response=f.response) if f.response and \
            f.response.pk in visible else []
    access_log_record_many(request=request, people=[f.person for f in finals if f.answers],
                           action="recognition.final_questionnaire")


# --- level 3: the festival --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def festivals(request: HttpRequest, org: str) -> HttpResponse:
    organization = _org(request, org)
    data, _files = _posted(request)
    form = forms.FestivalForm(data, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            festival = services.festival_create(organization=organization, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Итоговое мероприятие добавлено. Внесите гостей и награды."))
            return redirect("recognition_festival", pk=festival.pk)
    context = {
        "organization": organization,
        "festivals": organization.festivals.select_related("event_order", "reward_order").prefetch_related(
            "practices"
        ).annotate(guests_count=Count("guest_list", distinct=True), awards_count=Count("awards", distinct=True)),
        "form": form,
        "sign_form": forms.SignForm(),
    }
    return render(request, "recognition/festivals.html", context, status=400 if form.errors else 200)


def _festival(request: HttpRequest, pk: int) -> Festival:
    festival = get_object_or_404(Festival.objects.select_related("organization", "event_order", "reward_order"),
                                 pk=pk)
    policy.require(request.user, A.RECOGNITION_MANAGE, festival.organization)
    return festival


def _award_form(festival: Festival, data=None) -> forms.AwardForm:
    org = festival.organization
    return forms.AwardForm(
        data,
        applications=Application.objects.filter(
            nomination__contest__organization=org, place__isnull=False
        ).select_related("nomination").order_by("-nomination__contest__year", "nomination__pk", "place"),
        people=Person.objects.filter(organization=org, anonymised_at__isnull=True).order_by("last_name",
                                                                                           "first_name"),
        mentorships=Mentorship.objects.filter(program__organization=org).select_related("mentor", "mentee"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def festival_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The festival's guests and awards, edited in place; they feed its two orders and the certificates."""
    festival = _festival(request, pk)
    which = request.POST.get("form", "") if request.method == "POST" else ""
    guest_form = forms.GuestForm(request.POST if which == "guest" else None)
    award_form = _award_form(festival, request.POST if which == "award" else None)
    if which:
        try:
            _festival_post(festival, which, request.POST, guest_form, award_form)
        except ValidationError as exc:
            target = {"guest": guest_form, "award": award_form}.get(which)
            if target is not None:
                target.add_error(None, exc)
            else:
                _fail(request, exc)
        else:
            if not (guest_form.errors or award_form.errors):
                messages.success(request, _("Сохранено."))
                return redirect("recognition_festival", pk=festival.pk)
    guests = list(festival.guest_list.all())
    awards = list(festival.awards.select_related("person", "mentorship__mentor", "mentorship__mentee",
                                                 "application__nomination"))
    access_log_record_many(
        request=request,
        people=[p for a in awards
                for p in ((a.person,) if a.person_id else (a.mentorship.mentor, a.mentorship.mentee))],
        action="recognition.festival",
    )
    context = {
        "festival": festival, "organization": festival.organization, "guests": guests, "awards": awards,
        "guest_form": guest_form, "award_form": award_form, "sign_form": forms.SignForm(),
        "came": sum(1 for g in guests if g.status == FestivalGuest.Status.CAME), "pdf": pdf_available(),
        "statuses": FestivalGuest.Status.choices,
    }
    return render(request, "recognition/festival_detail.html", context,
                  status=400 if guest_form.errors or award_form.errors else 200)


def _festival_post(festival: Festival, which: str, data, guest_form, award_form) -> None:
    """One edit of the festival page; a form's bad input stays on that form, nothing is saved."""
    if which == "guest":
        if guest_form.is_valid():
            services.festival_guest_add(festival=festival, **guest_form.cleaned_data)
    elif which in {"guest_mark", "guest_remove"}:
        guest = get_object_or_404(FestivalGuest, festival=festival, pk=data.get("guest"))
        if which == "guest_mark":
            services.festival_guest_mark(guest=guest, status=data.get("status", ""))
        else:
            services.festival_guest_remove(guest=guest)
    elif which == "award":
        if award_form.is_valid():
            services.festival_award_add(festival=festival, **award_form.cleaned_data)
    elif which == "award_remove":
        services.festival_award_remove(award=get_object_or_404(FestivalAward, festival=festival,
                                                               pk=data.get("award")))
    elif which == "from_results":
        services.festival_awards_from_results(festival=festival)
    else:
        raise ValidationError(_("Неизвестное действие"))


@login_required
@require_GET
def award_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    award = get_object_or_404(
        FestivalAward.objects.select_related("festival__organization", "festival__reward_order", "person",
                                             "mentorship__mentor", "mentorship__mentee"),
        pk=pk,
    )
    policy.require(request.user, A.RECOGNITION_MANAGE, award.festival.organization)
    if fmt not in {"docx", "pdf"}:
        raise Http404(_("Страница не найдена"))
    try:
        content, filename, mime = certificates.render_award(award=award, fmt=fmt)
    except ValidationError as exc:
        _fail(request, exc)
        return redirect("recognition_festival", pk=award.festival_id)
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


@login_required
@require_POST
def festival_orders(request: HttpRequest, pk: int) -> HttpResponse:
    festival = get_object_or_404(Festival.objects.select_related("organization"), pk=pk)
    policy.require(request.user, A.RECOGNITION_MANAGE, festival.organization)
    policy.require(request.user, A.ORG_ISSUE_ORDERS, festival.organization)
    form = forms.SignForm(request.POST)
    if form.is_valid():
        try:
            services.festival_orders_issue(
                festival=festival, date=form.cleaned_data["date"], signed_by=None, created_by=request.user
            )
            messages.success(request, _("Приказы подготовлены и внесены в реестр."))
        except ValidationError as exc:
            _fail(request, exc)
    return redirect("recognition_festival", pk=festival.pk)


# --- points -------------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def points(request: HttpRequest, org: str) -> HttpResponse:
    organization = _org(request, org)
    rules = services.point_rules_ensure(organization=organization)
    if request.method == "POST":
        try:
            for rule in rules:
                services.point_rule_set(
                    rule=rule,
                    points=int(request.POST.get(f"points_{rule.pk}", rule.points)),
                    cap=int(request.POST.get(f"cap_{rule.pk}", rule.cap)),
                )
        except (ValueError, ValidationError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [_("Баллы — целые числа")])))
        else:
            messages.success(request, _("Правила начисления баллов сохранены."))
            return redirect("recognition_points", org=organization.code)
    try:
        year = int(request.GET.get("year", _year()))
    except ValueError:
        year = _year()
    mentors = list(selectors.mentor_rating(organization=organization, year=year)[:50])
    teams = list(selectors.team_rating(organization=organization, year=year)[:30])
    access_log_record_many(request=request, people=mentors, action="recognition.rating")
    context = {"organization": organization, "rules": rules, "mentors": mentors, "teams": teams, "year": year,
               "year_end": year + 1}
    return render(request, "recognition/points.html", context)


@login_required
def my_points(request: HttpRequest, org: str) -> HttpResponse:
    """A participant's own points and badges; pupils never see others' points."""
    organization = _org(request, org, A.RECOGNITION_VIEW)
    me = _actor_person(request)
    year = _year()
    row = None
    if me is not None:
        row = selectors.mentor_rating(organization=organization, year=year).filter(pk=me.pk).first()
    honours = HonourEntry.objects.filter(person=me) if me else HonourEntry.objects.none()
    places = Application.objects.filter(person=me, place__isnull=False).select_related("nomination__contest") if me \
        else Application.objects.none()
    practices = Practice.objects.filter(authors=me) if me else Practice.objects.none()
    context = {"organization": organization, "row": row, "year": year, "year_end": year + 1, "honours": honours,
               "places": places, "practices": practices,
               "can_write": policy.can(request.user, A.RECOGNITION_WRITE_PRACTICE, organization)}
    return render(request, "recognition/my.html", context)


# --- contests -----------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def contests(request: HttpRequest, org: str) -> HttpResponse:
    organization = _org(request, org)
    data, _files = _posted(request)
    form = forms.ContestForm(data, initial={"year": _year(), "rounds": 1})
    if request.method == "POST" and form.is_valid():
        try:
            contest = services.contest_create(organization=organization, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("recognition_contest", pk=contest.pk)
    context = {"organization": organization, "contests": organization.contests.all(), "form": form}
    return render(request, "recognition/contests.html", context, status=400 if form.errors else 200)


def _contest(request: HttpRequest, pk: int, action=A.CONTEST_VIEW) -> Contest:
    contest = get_object_or_404(Contest.objects.select_related("organization", "results_order"), pk=pk)
    policy.require(request.user, action, contest)
    return contest


def _contest_forms(contest: Contest, data=None):
    org = contest.organization
    people = Person.objects.filter(organization=org, anonymised_at__isnull=True)
    return {
        "nomination_form": forms.NominationForm(data if data and data.get("form") == "nomination" else None),
        "juror_form": forms.PersonChoiceForm(
            data if data and data.get("form") == "juror" else None,
            people=people.exclude(category__in=[Person.Category.PUPIL]), label=_("Член жюри"),
        ),
        "application_form": forms.ApplicationForm(
            data if data and data.get("form") == "application" else None, contest=contest,
            people=people.filter(led_mentorships__program__organization=org).distinct(),
            mentorships=Mentorship.objects.filter(program__organization=org).select_related("mentor", "mentee"),
            practices=org.practices.all(),
        ),
    }


@login_required
@require_http_methods(["GET", "POST"])
def contest_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _contest(request, pk)
    manager = policy.can(request.user, A.RECOGNITION_MANAGE, contest.organization)
    if not manager:
        return redirect("recognition_judge", pk=contest.pk)
    data = request.POST if request.method == "POST" else None
    bound = _contest_forms(contest, data)
    if data is not None:
        try:
            _contest_post(request, contest, data, bound)
        except ValidationError as exc:
            _fail(request, exc)
        else:
            return redirect("recognition_contest", pk=contest.pk)
    results = selectors.contest_results(contest=contest)
    people = [r.application.person for rows in results.values() for r in rows if r.application.person_id]
    access_log_record_many(request=request, people=people, action="recognition.contest")
    context = {
        "contest": contest,
        "organization": contest.organization,
        "nominations": contest.nominations.all(),
        "jurors": contest.jurors.select_related("person"),
        "results": results,
        "sign_form": forms.SignForm(),
        "pdf": pdf_available(),
        **bound,
    }
    return render(request, "recognition/contest_detail.html", context)


def _contest_post(request: HttpRequest, contest: Contest, data, bound) -> None:
    which = data.get("form")
    if which == "nomination":
        form = bound["nomination_form"]
        if not form.is_valid():
            raise ValidationError(_("Выберите номинацию"))
        services.nomination_add(contest=contest, **form.cleaned_data)
    elif which == "juror":
        form = bound["juror_form"]
        if not form.is_valid():
            raise ValidationError(_("Выберите члена жюри"))
        services.juror_add(contest=contest, person=form.cleaned_data["person"])
    elif which == "application":
        form = bound["application_form"]
        if not form.is_valid():
            raise ValidationError(_("Выберите номинацию и участника, пару или практику"))
        services.application_submit(nominated_by=_actor_person(request), **form.cleaned_data)
    elif which == "start":
        services.contest_start_judging(contest=contest)
    elif which == "next_round":
        services.contest_next_round(contest=contest, keep=int(data.get("keep") or 3))
    elif which == "finish":
        services.contest_finish(contest=contest)
    elif which == "order":
        policy.require(request.user, A.ORG_ISSUE_ORDERS, contest.organization)
        form = forms.SignForm(data)
        if not form.is_valid():
            raise ValidationError(_("Укажите дату приказа"))
        services.contest_results_order_issue(
            contest=contest, date=form.cleaned_data["date"], signed_by=None, created_by=request.user
        )
    else:
        raise ValidationError(_("Неизвестное действие"))
    messages.success(request, _("Сохранено."))


@login_required
@require_http_methods(["GET", "POST"])
def rubric(request: HttpRequest, pk: int) -> HttpResponse:
    """The contest organiser edits a nomination's criteria, maxima and weights until scoring starts."""
    nomination = get_object_or_404(Nomination.objects.select_related("contest__organization"), pk=pk)
    contest = nomination.contest
    policy.require(request.user, A.RECOGNITION_MANAGE, contest.organization)
    initial = [{"name": c["name"], "max": c["max"], "weight": c.get("weight", 1)} for c in nomination.rubric]
    formset = forms.CriterionFormSet(request.POST if request.method == "POST" else None, initial=initial,
                                     prefix="c")
    error = ""
    if request.method == "POST" and formset.is_valid():
        rows = [{"name": f.cleaned_data["name"], "max": f.cleaned_data.get("max") or 0,
                 "weight": f.cleaned_data.get("weight") or 1}
                for f in formset.forms if (f.cleaned_data.get("name") or "").strip()]
        try:
            services.nomination_rubric_set(nomination=nomination, rubric=rows)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Критерии номинации «%(n)s» сохранены.") % {"n": nomination.title})
            return redirect("recognition_contest", pk=contest.pk)
    elif request.method == "POST":
        error = _("Проверьте критерии: максимальный балл — от 1 до 100, вес — от 1 до 5.")
    context = {"nomination": nomination, "contest": contest, "organization": contest.organization,
               "formset": formset, "error": error, "locked": selectors.rubric_locked(nomination=nomination)}
    return render(request, "recognition/rubric.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def judge(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _contest(request, pk, A.CONTEST_JUDGE)
    me = _actor_person(request)
    juror = get_object_or_404(Juror, contest=contest, person=me)
    apps = list(
        Application.objects.filter(nomination__contest=contest, last_round__gte=contest.current_round)
        .select_related("nomination", "person", "mentorship__mentor", "mentorship__mentee", "practice")
        .order_by("nomination__pk", "code")
    )
    mine = {s.application_id: s for s in juror.scores.filter(round=contest.current_round)}
    if request.method == "POST":
        application = next((a for a in apps if str(a.pk) == request.POST.get("application")), None)
        if application is None:
            raise Http404(_("Страница не найдена"))
        try:
            values = [int(request.POST.get(f"c{i}", "")) for i in range(len(application.nomination.rubric))]
            services.score_submit(juror=juror, application=application, values=values,
                                  comment=request.POST.get("comment", ""))
        except ValueError:
            messages.error(request, _("Баллы — целые числа по каждому критерию"))
        except ValidationError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("Оценка заявки %(c)s сохранена.") % {"c": application.code})
        return redirect("recognition_judge", pk=contest.pk)
    rows = []
    for a in apps:
        conflict = services.juror_conflict(juror=juror, application=a)
        rows.append({"application": a, "conflict": conflict, "score": mine.get(a.pk),
                     "blind": a.nomination.blind, "subject": "" if a.nomination.blind
                     else services.application_subject(a)})
    visible = [a.person for a in apps if a.person_id and not a.nomination.blind]
    access_log_record_many(request=request, people=visible, action="recognition.contest")
    return render(request, "recognition/judge.html", {"contest": contest, "rows": rows, "juror": juror})


@login_required
def certificate(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    application = get_object_or_404(
        Application.objects.select_related("nomination__contest__organization", "person", "mentorship__mentor",
                                           "mentorship__mentee", "practice"),
        pk=pk,
    )
    organization = application.nomination.contest.organization
    policy.require(request.user, A.RECOGNITION_MANAGE, organization)
    if kind not in certificates.KINDS or fmt not in {"docx", "pdf"}:
        raise Http404(_("Страница не найдена"))
    try:
        content, filename, mime = certificates.render(application=application, kind=kind, fmt=fmt)
    except ValidationError as exc:
        _fail(request, exc)
        return redirect("recognition_contest", pk=application.nomination.contest_id)
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


# --- honour board, practices, news ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def honour(request: HttpRequest, org: str) -> HttpResponse:
    organization = _org(request, org)
    year = _year()
    rated = selectors.mentor_rating(organization=organization, year=year)
    data, files = _posted(request)
    form = forms.HonourForm(data, files, people=Person.objects.filter(organization=organization,
                                                                     anonymised_at__isnull=True),
                            initial={"year": year}, organization=organization)
    if request.method != "POST":
        picked_into(form, request)
    if request.method == "POST" and request.POST.get("remove"):
        services.honour_remove(entry=get_object_or_404(HonourEntry, organization=organization,
                                                       pk=request.POST["remove"]))
        messages.success(request, _("Запись снята с доски почёта."))
        return redirect("recognition_honour", org=organization.code)
    if request.method == "POST" and request.POST.get("form") in {"photo", "photo_remove"}:
        return _honour_photo(request, organization)
    if request.method == "POST" and form.is_valid():
        try:
            services.honour_add(organization=organization, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Наставник добавлен на доску почёта."))
            return redirect("recognition_honour", org=organization.code)
    entries = list(HonourEntry.objects.filter(organization=organization).select_related("person"))
    allowed = selectors.publication_allowed(person_ids={e.person_id for e in entries})
    for entry in entries:
        entry.public_ok = "name" in allowed.get(entry.person_id, frozenset())
        entry.photo_ok = entry.public_ok and "photo" in allowed.get(entry.person_id, frozenset())
    winners = Application.objects.filter(
        nomination__contest__organization=organization, place__isnull=False, person__isnull=False
    ).select_related("person", "nomination")[:20]
    top = list(rated[:10])
    access_log_record_many(request=request, people=[e.person for e in entries] + top, action="recognition.honour")
    context = {"organization": organization, "entries": entries, "form": form, "winners": winners, "top": top,
               "photo_form": forms.HonourPhotoForm()}
    return render(request, "recognition/honour.html", context, status=400 if form.errors else 200)


def _honour_photo(request: HttpRequest, organization: Organization) -> HttpResponse:
    """Upload or remove one entry's photo; a bad file is refused with the reason, nothing changed."""
    entry = get_object_or_404(HonourEntry, organization=organization, pk=request.POST.get("entry"))
    if request.POST["form"] == "photo_remove":
        services.honour_photo_remove(entry=entry)
        messages.success(request, _("Фотография удалена."))
        return redirect("recognition_honour", org=organization.code)
    form = forms.HonourPhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("photo", [])) or _("Выберите файл фотографии."))
        return redirect("recognition_honour", org=organization.code)
    try:
        services.honour_photo_set(entry=entry, photo=form.cleaned_data["photo"])
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("%(p)s: фотография загружена.") % {"p": entry.person.short_name})
    return redirect("recognition_honour", org=organization.code)


@login_required
@require_http_methods(["GET", "POST"])
def practices(request: HttpRequest, org: str) -> HttpResponse:
    organization = _org(request, org, A.RECOGNITION_WRITE_PRACTICE)
    manager = policy.can(request.user, A.RECOGNITION_MANAGE, organization)
    me = _actor_person(request)
    own_pairs = policy.scope_mentorships(request.user, Mentorship.objects.filter(program__organization=organization))
    data, _files = _posted(request)
    form = forms.PracticeForm(data, mentorships=own_pairs.select_related("mentor", "mentee"))
    if request.method == "POST" and form.is_valid():
        pair = form.cleaned_data["mentorship"]
        authors = [p for p in (pair.mentor, pair.mentee) if p] if pair else []
        if me and me not in authors and not manager:
            authors.append(me)
        try:
            practice = services.practice_create(organization=organization, authors=authors, created_by=request.user,
                                                **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Практика сохранена как черновик."))
            return redirect("recognition_practice", pk=practice.pk)
    qs = organization.practices.all() if manager else organization.practices.filter(
        Q(authors=me) | Q(created_by=request.user)
    ).distinct()
    context = {"organization": organization, "practices": qs, "form": form, "manager": manager}
    return render(request, "recognition/practices.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice = get_object_or_404(Practice.objects.select_related("organization"), pk=pk)
    organization = practice.organization
    policy.require(request.user, A.RECOGNITION_WRITE_PRACTICE, organization)
    manager = policy.can(request.user, A.RECOGNITION_MANAGE, organization)
    me = _actor_person(request)
    author = practice.created_by_id == request.user.pk or (me and practice.authors.filter(pk=me.pk).exists())
    if not (manager or author):
        raise Http404(_("Страница не найдена"))
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "submit" and (author or manager):
                services.practice_submit(practice=practice)
            elif action in {"publish", "return"} and manager:
                services.practice_review(practice=practice, publish=action == "publish",
                                         note=request.POST.get("note", ""))
            elif action == "unpublish" and manager:
                services.practice_unpublish(practice=practice)
            else:
                raise ValidationError(_("Это действие вам недоступно"))
        except ValidationError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("Сохранено."))
        return redirect("recognition_practice", pk=practice.pk)
    authors = list(practice.authors.all())
    access_log_record_many(request=request, people=authors, action="recognition.practice")
    context = {"practice": practice, "organization": organization, "authors": authors, "manager": manager,
               "review_form": forms.ReviewForm(), "figures": list((practice.figures or {}).items())}
    return render(request, "recognition/practice_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def news(request: HttpRequest, org: str) -> HttpResponse:
    organization = _org(request, org)
    data, _files = _posted(request)
    form = forms.NewsForm(data)
    if request.method == "POST" and request.POST.get("delete"):
        News.objects.filter(organization=organization, pk=request.POST["delete"]).delete()
        messages.success(request, _("Новость удалена."))
        return redirect("recognition_news", org=organization.code)
    if request.method == "POST" and form.is_valid():
        try:
            services.news_create(organization=organization, created_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Новость опубликована."))
            return redirect("recognition_news", org=organization.code)
    context = {"organization": organization, "news": organization.news.all()[:50], "form": form}
    return render(request, "recognition/news.html", context, status=400 if form.errors else 200)


