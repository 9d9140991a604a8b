"""Pages of the mentee base, the mentor base, selection, the registry and the mentor school.

Thin views: find the object, ask the policy (404 when invisible, 403 when refused), call a service, render.
Every page of a base is for the organisation's intake staff (director, coordinator, curator, psychologist).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from nastavnik import policy
from nastavnik.documents.models import Order
from nastavnik.intake import forms, selectors, services, surveys_link
from nastavnik.intake.models import (
    Agreement,
    Interview,
    MenteeRequest,
    MentorCandidate,
    SelectionCriterion,
    Training,
    TrainingEnrolment,
)
from nastavnik.intake.vocabulary import REQUEST_CATEGORY_LABELS
from nastavnik.orgs.models import Organization
from nastavnik.pagecache import kept_page
from nastavnik.pages import organization_index
from nastavnik.people.models import Person
from nastavnik.people.picker import picked
from nastavnik.privacy.models import Consent
from nastavnik.privacy.services import access_log_record, access_log_record_many
from nastavnik.surveys.forms import ResponseForm

MANAGE = policy.Action.ORG_MANAGE_INTAKE
PAGE_SIZE = 50


# --- helpers ------------------------------------------------------------------------------------------------------


def _org(request: HttpRequest, code: str, action: policy.Action = MANAGE) -> Organization:
    organization = get_object_or_404(Organization, code=code)
    policy.require(request.user, action, organization)
    return organization


def _int_or_none(raw: str | None) -> int | None:
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


def consents_url(person: Person) -> str:
    """The page where the person's consents are kept and a new one is recorded."""
    return reverse("privacy_consents", args=[person.pk])


def _refusal(error: ValidationError, person: Person | None) -> dict | None:
    """Context for the «consent missing» block: which consent and where to record it."""
    if person is None or getattr(error, "code", None) != "consent_missing":
        return None
    return {"person": person, "purpose": Consent.Purpose.PARTICIPATION.label, "url": consents_url(person)}


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _tabs(organization: Organization, active: str) -> dict:
    return {"organization": organization, "tab": active}


def _submit(
    request: HttpRequest,
    form,
    *,
    page: Callable[..., HttpResponse],
    invalid: str,
    act: Callable[[dict], str],
    target: str,
    person: Person | None = None,
) -> HttpResponse:
    """The POST flow of a form on a record page: check the form, call the service (``act`` returns the success
    message), go back to the page; on bad input or a refusal show the page again with the reason."""
    if not form.is_valid():
        return page(error=invalid)
    try:
        done = act(form.cleaned_data)
    except ValidationError as error:
        return page(error=_error_text(error), refusal=_refusal(error, person))
    messages.success(request, done)
    return redirect(target)


# --- overview -----------------------------------------------------------------------------------------------------


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return organization_index(
        request, roles=policy.INTAKE_STAFF, url_name="intake_overview", template="intake/index.html"
    )


@login_required
@kept_page
def overview(request: HttpRequest, org: str) -> HttpResponse:
    organization = _org(request, org)
    context = {
        **_tabs(organization, "overview"),
        "figures": selectors.base_figures(organization=organization),
        "psychologist_requests": selectors.mentee_base(organization=organization)
        .filter(needs_psychologist=True)
        .exclude(status__in=[MenteeRequest.Status.CLOSED, MenteeRequest.Status.WITHDRAWN])[:20],
        "external_without_agreement": selectors.external_without_agreement(organization=organization),
    }
    return render(request, "intake/overview.html", context)


# --- mentee base --------------------------------------------------------------------------------------------------


@login_required
@kept_page
def mentee_list(request: HttpRequest, org: str) -> HttpResponse:
    organization = _org(request, org)
    requests = selectors.mentee_base(organization=organization, filters=request.GET)
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    access_log_record_many(request=request, people=[r.person for r in page], action="intake.mentees")
    context = {
        **_tabs(organization, "mentees"),
        "page": page,
        "filters": request.GET,
        "statuses": MenteeRequest.Status.choices,
        "categories": forms.CATEGORY_CHOICES,
        "classes": selectors.mentee_classes(organization=organization),
        "programs": forms.org_programs(organization),
        "waiting": surveys_link.waiting(organization=organization, kind="mentee"),
    }
    template = "intake/_mentee_table.html" if request.htmx and not request.htmx.boosted else "intake/mentee_list.html"
    return render(request, template, context)


def _waiting_response(request: HttpRequest, organization: Organization, kind: str):
    """The free-standing questionnaire a new record is being made from (?response= or the hidden field)."""
    response_id = _int_or_none(request.POST.get("response") or request.GET.get("response"))
    if response_id is None:
        return None
    return get_object_or_404(surveys_link.unattached(organization=organization, kind=kind), pk=response_id)


@dataclass(frozen=True)
class NewRecord:
    """What differs between a new mentee request and a new mentor candidate; the page's flow is the same."""

    kind: str  # «mentee» or «mentor», as in surveys_link
    form: type[forms.RequestForm | forms.CandidateForm]
    initial: Callable[..., dict]  # the form's initial values from a filled questionnaire
    create: Callable[..., MenteeRequest | MentorCandidate]  # the service
    fields: tuple[str, ...]  # the form's fields passed to the service as they are
    done: str
    detail: str  # URL name of the record's page
    template: str


NEW_REQUEST = NewRecord(
    kind="mentee",
    form=forms.RequestForm,
    initial=surveys_link.request_initial,
    create=services.request_create,
    fields=("program", "categories", "needs", "deficit_competencies", "interests", "free_time", "source"),
    done=gettext_lazy("Запрос внесён в базу наставляемых."),
    detail="intake_request",
    template="intake/request_form.html",
)
NEW_CANDIDATE = NewRecord(
    kind="mentor",
    form=forms.CandidateForm,
    initial=surveys_link.candidate_initial,
    create=services.candidate_create,
    fields=(
        "category",
        "mentor_type",
        "experience",
        "competencies",
        "interests",
        "free_time",
        "preferred_age_from",
        "preferred_age_to",
        "capacity",
        "portfolio",
        "motivation",
    ),
    done=gettext_lazy("Кандидат внесён в базу наставников."),
    detail="intake_candidate",
    template="intake/candidate_form.html",
)


def _record_new(request: HttpRequest, org: str, new: NewRecord) -> HttpResponse:
    """A new record in the mentee or the mentor base, maybe made from a questionnaire waiting to be taken in."""
    organization = _org(request, org)
    response = _waiting_response(request, organization, new.kind)
    initial = {**(new.initial(response=response) if response else {}), **picked(request, "person")}
    form = new.form(request.POST or None, organization=organization, initial=initial or None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = new.create(
                organization=organization,
                person=data["person"],
                **{name: data[name] for name in new.fields},
                response=response,
                created_by=request.user,
            )
        except ValidationError as error:
            refusal = _refusal(error, data["person"])
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, new.done)
            return redirect(new.detail, pk=record.pk)
    tab = "mentees" if new.kind == "mentee" else "mentors"
    context = {**_tabs(organization, tab), "form": form, "refusal": refusal, "response": response}
    return render(request, new.template, context, status=400 if form.errors else 200)


@login_required
def request_new(request: HttpRequest, org: str) -> HttpResponse:
    return _record_new(request, org, NEW_REQUEST)


def _request_for(request: HttpRequest, pk: int) -> MenteeRequest:
    mentee_request = get_object_or_404(
        MenteeRequest.objects.select_related("person", "organization", "program", "analysed_by"), pk=pk
    )
    policy.require(request.user, MANAGE, mentee_request.organization)
    return mentee_request


def _request_page(request: HttpRequest, mentee_request: MenteeRequest, **extra) -> HttpResponse:
    access_log_record(request=request, person=mentee_request.person, action="intake.request.view")
    context = {
        **_tabs(mentee_request.organization, "mentees"),
        "req": mentee_request,
        "categories": [REQUEST_CATEGORY_LABELS.get(c, c) for c in mentee_request.categories],
        "analysis_form": extra.pop("analysis_form", None) or forms.AnalysisForm(request_obj=mentee_request),
        "next_statuses": [
            (s, MenteeRequest.Status(s).label) for s in services.request_next_statuses(request=mentee_request)
        ],
        "responses": surveys_link.answered(subject=mentee_request),
        **extra,
    }
    return render(request, "intake/request_detail.html", context, status=400 if extra.get("error") else 200)


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _request_page(request, _request_for(request, pk))


@login_required
@require_POST
def request_analyse(request: HttpRequest, pk: int) -> HttpResponse:
    mentee_request = _request_for(request, pk)
    form = forms.AnalysisForm(request.POST, request_obj=mentee_request)

    def analyse(data: dict) -> str:
        services.request_analyse(
            request=mentee_request,
            analysis=data["analysis"],
            needs_psychologist=data["needs_psychologist"],
            categories=data["categories"],
            deficit_competencies=data["deficit_competencies"],
            analysed_by=request.user,
        )
        return _("Анализ запроса сохранён.")

    def page(**extra) -> HttpResponse:
        mentee_request.refresh_from_db()  # the form may have been applied to it in memory before the refusal
        return _request_page(request, mentee_request, analysis_form=form, **extra)

    invalid = _("Проверьте форму анализа.")
    return _submit(request, form, page=page, invalid=invalid, act=analyse, target=reverse("intake_request", args=[pk]))


@login_required
@require_POST
def request_status(request: HttpRequest, pk: int) -> HttpResponse:
    mentee_request = _request_for(request, pk)
    try:
        services.request_status_set(request=mentee_request, status=request.POST.get("status", ""))
    except ValidationError as error:
        mentee_request.refresh_from_db()
        return _request_page(
            request, mentee_request, error=_error_text(error), refusal=_refusal(error, mentee_request.person)
        )
    messages.success(request, _("Статус запроса: «%(s)s».") % {"s": mentee_request.get_status_display()})
    return redirect("intake_request", pk=pk)


# --- mentor base --------------------------------------------------------------------------------------------------


@login_required
@kept_page
def mentor_list(request: HttpRequest, org: str) -> HttpResponse:
    organization = _org(request, org)
    candidates = selectors.mentor_base(organization=organization, filters=request.GET)
    page = Paginator(candidates, PAGE_SIZE).get_page(request.GET.get("page"))
    access_log_record_many(request=request, people=[c.person for c in page], action="intake.mentors")
    context = {
        **_tabs(organization, "mentors"),
        "page": page,
        "filters": request.GET,
        "statuses": MentorCandidate.Status.choices,
        "categories": MentorCandidate.Category.choices,
        "mentor_types": MentorCandidate.MentorType.choices,
        "waiting": surveys_link.waiting(organization=organization, kind="mentor"),
    }
    template = "intake/_mentor_table.html" if request.htmx and not request.htmx.boosted else "intake/mentor_list.html"
    return render(request, template, context)


@login_required
def candidate_new(request: HttpRequest, org: str) -> HttpResponse:
    return _record_new(request, org, NEW_CANDIDATE)


def _candidate_for(request: HttpRequest, pk: int) -> MentorCandidate:
    candidate = get_object_or_404(MentorCandidate.objects.select_related("person", "organization"), pk=pk)
    policy.require(request.user, MANAGE, candidate.organization)
    return candidate


def _candidate_page(request: HttpRequest, candidate: MentorCandidate, **extra) -> HttpResponse:
    access_log_record(request=request, person=candidate.person, action="intake.candidate.view")
    organization = candidate.organization
    context = {
        **_tabs(organization, "mentors"),
        "candidate": candidate,
        "interviews": candidate.interviews.select_related("interviewer"),
        "agreements": candidate.agreements.all(),
        "enrolments": candidate.enrolments.select_related("training"),
        "interview_form": extra.pop("interview_form", None)
        or forms.InterviewForm(organization=organization, initial=picked(request, "interviewer")),
        "agreement_form": extra.pop("agreement_form", None) or forms.AgreementForm(),
        "decision_form": forms.DecisionForm(),
        "responses": surveys_link.answered(subject=candidate),
        "latest_interview": services.latest_interview(candidate=candidate),
        "registry_order": selectors.registry_orders(organization=organization).get(candidate.pk),
        **extra,
    }
    return render(request, "intake/candidate_detail.html", context, status=400 if extra.get("error") else 200)


@login_required
def candidate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _candidate_page(request, _candidate_for(request, pk))


@login_required
@require_POST
def candidate_interview(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = _candidate_for(request, pk)
    form = forms.InterviewForm(request.POST, organization=candidate.organization)

    def record(data: dict) -> str:
        services.interview_record(candidate=candidate, created_by=request.user, **data)
        return _("Собеседование записано.")

    return _submit(
        request,
        form,
        page=partial(_candidate_page, request, candidate, interview_form=form),
        invalid=_("Проверьте форму собеседования."),
        act=record,
        target=reverse("intake_candidate", args=[pk]),
    )


@login_required
def interview_protocol(request: HttpRequest, pk: int) -> HttpResponse:
    """The «interview_record» questionnaire filled by the interviewer, attached to the interview."""
    interview = get_object_or_404(
        Interview.objects.select_related("candidate__person", "candidate__organization"), pk=pk
    )
    candidate = interview.candidate
    policy.require(request.user, MANAGE, candidate.organization)
    try:
        version = surveys_link.version_for(code=surveys_link.INTERVIEW_CODE, organization=candidate.organization)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("intake_candidate", pk=candidate.pk)
    form = ResponseForm(
        version=version,
        data=request.POST or None,
        initial=services.interview_protocol_initial(interview=interview),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.interview_protocol_save(
                interview=interview,
                version=version,
                answers=form.answers(),
                respondent=Person.objects.filter(user=request.user).first(),
                submitted_by=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Протокол собеседования сохранён."))
            return redirect("intake_candidate", pk=candidate.pk)
    access_log_record(request=request, person=candidate.person, action="intake.interview.protocol")
    context = {
        **_tabs(candidate.organization, "mentors"),
        "interview": interview,
        "candidate": candidate,
        "form": form,
        "responses": surveys_link.answered(subject=interview),
    }
    return render(request, "intake/interview_protocol.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def candidate_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    candidate = _candidate_for(request, pk)
    form = forms.DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        if decision == "approve":
            services.candidate_approve(candidate=candidate, note=note, decided_by=request.user)
            messages.success(request, _("Кандидат отобран в реестр наставников."))
        else:
            services.candidate_reject(candidate=candidate, note=note, decided_by=request.user)
            messages.success(request, _("Кандидат не отобран."))
    except ValidationError as error:
        candidate.refresh_from_db()
        return _candidate_page(request, candidate, error=_error_text(error), refusal=_refusal(error, candidate.person))
    return redirect("intake_candidate", pk=pk)


@login_required
@require_POST
def agreement_new(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = _candidate_for(request, pk)
    form = forms.AgreementForm(request.POST)

    def issue(data: dict) -> str:
        agreement = services.agreement_issue(candidate=candidate, created_by=request.user, **data)
        return _("Договор № %(n)s сформирован.") % {"n": agreement.number}

    return _submit(
        request,
        form,
        page=partial(_candidate_page, request, candidate, agreement_form=form),
        invalid=_("Проверьте даты договора."),
        act=issue,
        target=reverse("intake_candidate", args=[pk]),
        person=candidate.person,
    )


@login_required
def agreement_download(request: HttpRequest, pk: int) -> FileResponse:
    agreement = get_object_or_404(Agreement.objects.select_related("candidate__person", "organization"), pk=pk)
    policy.require(request.user, MANAGE, agreement.organization)
    if not agreement.file:
        raise Http404(_("Файл договора не найден"))
    access_log_record(request=request, person=agreement.candidate.person, action="intake.agreement.download")
    filename = f"Договор о сотрудничестве № {agreement.number.replace('/', '-')}.docx"
    return FileResponse(agreement.file.open("rb"), as_attachment=True, filename=filename)


# --- questionnaire links ------------------------------------------------------------------------------------------


@login_required
def invite(request: HttpRequest, org: str, kind: str) -> HttpResponse:
    """Send a person the one-time link to the mentee or the mentor questionnaire."""
    organization = _org(request, org)
    if kind not in surveys_link.QUESTIONNAIRES:
        raise Http404(_("Страница не найдена"))
    people = forms.mentee_people(organization) if kind == "mentee" else forms.mentor_people(organization)
    form = forms.InviteForm(
        request.POST or None,
        people=people,
        organization=organization,
        scope="mentees" if kind == "mentee" else "mentors",
        initial=picked(request, "person"),
    )
    link = consent_for = None
    if request.method == "POST" and form.is_valid():
        try:
            link = surveys_link.invite(
                request=request,
                organization=organization,
                kind=kind,
                person=form.cleaned_data["person"],
                days=form.cleaned_data["days"],
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
            if any(e.code == "no_consent" for e in getattr(error, "error_list", [])):
                consent_for = form.cleaned_data["person"]  # cycle: link to prepare the consent
    context = {
        **_tabs(organization, "mentees" if kind == "mentee" else "mentors"),
        "form": form,
        "kind": kind,
        "link": link,
        "consent_for": consent_for,
    }
    return render(request, "intake/invite.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def response_link(request: HttpRequest, org: str, kind: str, pk: int) -> HttpResponse:
    """Attach a filled questionnaire to the record its author already has in the base."""
    organization = _org(request, org)
    if kind not in surveys_link.QUESTIONNAIRES:
        raise Http404(_("Страница не найдена"))
    response = get_object_or_404(surveys_link.unattached(organization=organization, kind=kind), pk=pk)
    person = surveys_link.response_person(response)
    record = surveys_link.existing_record(organization=organization, kind=kind, person=person) if person else None
    if record is None:
        raise Http404(_("Страница не найдена"))
    surveys_link.response_attach(response=response, subject=record)
    messages.success(request, _("Анкета привязана к записи в базе."))
    return redirect("intake_request" if kind == "mentee" else "intake_candidate", pk=record.pk)


# --- selection criteria and the registry ---------------------------------------------------------------------------


@login_required
def criteria(request: HttpRequest, org: str) -> HttpResponse:
    organization = _org(request, org)
    programs = forms.org_programs(organization)
    program = programs.filter(pk=_int_or_none(request.GET.get("program") or request.POST.get("program"))).first()
    form = forms.CriterionForm(request.POST if request.POST.get("action") == "add" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "derive":
                found = services.criteria_derive(organization=organization, program=program)
                messages.success(request, _("Критерии пересчитаны по открытым запросам: %(n)d.") % {"n": len(found)})
            elif form.is_valid():
                services.criterion_add(organization=organization, program=program, text=form.cleaned_data["text"])
                messages.success(request, _("Критерий добавлен."))
            else:
                raise ValidationError(_("Сформулируйте критерий."))
        except ValidationError as error:
            messages.error(request, _error_text(error))
        target = reverse("intake_criteria", kwargs={"org": organization.code})
        return redirect(f"{target}?program={program.pk}" if program else target)
    rows = list(
        SelectionCriterion.objects.filter(organization=organization, program=program).order_by("-weight", "text")
    )
    comparison = selectors.criteria_comparison(organization=organization, criteria=rows)
    access_log_record_many(
        request=request, people=[r.candidate.person for r in comparison], action="intake.criteria.compare"
    )
    context = {
        **_tabs(organization, "criteria"),
        "criteria": rows,
        "comparison": comparison,
        "programs": programs,
        "program": program,
        "form": form,
    }
    return render(request, "intake/criteria.html", context)


@login_required
def registry(request: HttpRequest, org: str) -> HttpResponse:
    organization = _org(request, org)
    form = forms.RegistryOrderForm(
        request.POST or None, organization=organization, initial=picked(request, "signed_by")
    )
    can_issue = policy.can(request.user, policy.Action.ORG_ISSUE_ORDERS, organization)
    if request.method == "POST":
        policy.require(request.user, policy.Action.ORG_ISSUE_ORDERS, organization)
        if form.is_valid():
            try:
                services.registry_approve(
                    organization=organization,
                    date=form.cleaned_data["date"],
                    signed_by=form.cleaned_data["signed_by"],
                    created_by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, _error_text(error))
            else:
                messages.success(
                    request, _("Проект приказа об утверждении реестра наставников передан руководителю на подпись.")
                )
                return redirect("intake_registry", org=organization.code)
    mentors = list(selectors.approved_mentors(organization=organization))
    access_log_record_many(request=request, people=[m.person for m in mentors], action="intake.registry")
    named = selectors.registry_orders(organization=organization)
    context = {
        **_tabs(organization, "registry"),
        "mentors": mentors,
        "form": form,
        "can_issue": can_issue,
        "orders": _registry_orders(organization),
        "rows": [(m, named.get(m.pk)) for m in mentors],
    }
    return render(request, "intake/registry.html", context, status=400 if form.errors else 200)


def _registry_orders(organization: Organization) -> list[tuple[Order, str]]:
    """Earlier registry orders with the address of their DOCX (documents' page)."""
    orders = Order.objects.filter(
        organization=organization, kind=Order.Kind.APPROVE_MENTOR_REGISTRY, status=Order.Status.SIGNED
    )
    return [(order, reverse("order_docx", args=[order.pk])) for order in orders.order_by("-date", "-number")[:10]]


# --- the mentor school --------------------------------------------------------------------------------------------


@login_required
def training_list(request: HttpRequest, org: str) -> HttpResponse:
    organization = _org(request, org)
    form = forms.TrainingForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            training = services.training_create(
                organization=organization,
                program=data["program"],
                title=data["title"],
                description=data["description"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                created_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Обучение создано: добавьте занятия и слушателей."))
            return redirect("intake_training", pk=training.pk)
    context = {
        **_tabs(organization, "school"),
        "trainings": selectors.trainings_of(organization=organization),
        "form": form,
    }
    return render(request, "intake/training_list.html", context, status=400 if form.errors else 200)


def _training_for(request: HttpRequest, pk: int) -> Training:
    training = get_object_or_404(Training.objects.select_related("organization", "program", "order"), pk=pk)
    policy.require(request.user, MANAGE, training.organization)
    return training


def _training_page(request: HttpRequest, training: Training, **extra) -> HttpResponse:
    context = {
        **_tabs(training.organization, "school"),
        "training": training,
        "table": selectors.training_attendance_table(training=training),
        "session_form": extra.pop("session_form", None) or forms.SessionForm(),
        "enrol_form": forms.EnrolForm(candidates=selectors.enrolable_candidates(training=training)),
        "order_form": extra.pop("order_form", None)
        or forms.TrainingOrderForm(
            organization=training.organization, initial=picked(request, "signed_by", "responsible")
        ),
        "can_issue": policy.can(request.user, policy.Action.ORG_ISSUE_ORDERS, training.organization),
        "min_share": round(100 * services.MIN_ATTENDANCE_SHARE),
        **extra,
    }
    return render(request, "intake/training_detail.html", context, status=400 if extra.get("error") else 200)


@login_required
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _training_page(request, _training_for(request, pk))


@login_required
@require_POST
def training_order(request: HttpRequest, pk: int) -> HttpResponse:
    training = _training_for(request, pk)
    policy.require(request.user, policy.Action.ORG_ISSUE_ORDERS, training.organization)
    form = forms.TrainingOrderForm(request.POST, organization=training.organization)

    def issue(data: dict) -> str:
        services.training_order_issue(training=training, created_by=request.user, **data)
        return _("Проект приказа об организации «Школы наставников» передан руководителю на подпись.")

    return _submit(
        request,
        form,
        page=partial(_training_page, request, training, order_form=form),
        invalid=_("Проверьте форму приказа."),
        act=issue,
        target=reverse("intake_training", args=[pk]),
    )


@login_required
@require_POST
def session_add(request: HttpRequest, pk: int) -> HttpResponse:
    training = _training_for(request, pk)
    form = forms.SessionForm(request.POST)

    def add(data: dict) -> str:
        services.session_add(training=training, **data)
        return _("Занятие добавлено.")

    return _submit(
        request,
        form,
        page=partial(_training_page, request, training, session_form=form),
        invalid=_("Проверьте форму занятия."),
        act=add,
        target=reverse("intake_training", args=[pk]),
    )


@login_required
@require_POST
def training_enrol(request: HttpRequest, pk: int) -> HttpResponse:
    training = _training_for(request, pk)
    form = forms.EnrolForm(request.POST, candidates=selectors.enrolable_candidates(training=training))

    def enrol(data: dict) -> str:
        services.training_enrol(training=training, candidate=data["candidate"])
        return _("Слушатель записан.")

    return _submit(
        request,
        form,
        page=partial(_training_page, request, training),
        invalid=_("Выберите слушателя из списка."),
        act=enrol,
        target=reverse("intake_training", args=[pk]),
    )


@login_required
@require_POST
def attendance_mark(request: HttpRequest, pk: int) -> HttpResponse:
    """One checkbox of the attendance grid: HTMX swaps the listener's row; without JS the page reloads."""
    training = _training_for(request, pk)
    session = get_object_or_404(training.sessions, pk=_int_or_none(request.POST.get("session")))
    enrolment = get_object_or_404(training.enrolments, pk=_int_or_none(request.POST.get("enrolment")))
    present = request.POST.get("present") in {"on", "1", "true"}
    error = None
    try:
        services.attendance_mark(session=session, enrolment=enrolment, present=present)
    except ValidationError as exc:
        error = _error_text(exc)
    if request.htmx:
        table = selectors.training_attendance_table(training=training)
        row = next(r for r in table.rows if r.enrolment.pk == enrolment.pk)
        # 200 even on a refusal: htmx swaps only successful responses, and the row shows the reason.
        context = {"training": training, "row": row, "row_error": error}
        return render(request, "intake/_attendance_row.html", context)
    if error:
        messages.error(request, error)
    return redirect("intake_training", pk=pk)


@login_required
@require_POST
def enrolment_complete(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = get_object_or_404(
        TrainingEnrolment.objects.select_related("training__organization", "candidate__person"), pk=pk
    )
    training = enrolment.training
    policy.require(request.user, MANAGE, training.organization)
    form = forms.CompleteForm(request.POST)

    def complete(data: dict) -> str:
        services.enrolment_complete(enrolment=enrolment, **data)
        return _("%(person)s завершил(а) обучение, сертификат № %(n)s.") % {
            "person": enrolment.candidate.person.short_name,
            "n": enrolment.certificate_number,
        }

    return _submit(
        request,
        form,
        page=partial(_training_page, request, training),
        invalid=_("Укажите дату завершения обучения."),
        act=complete,
        target=reverse("intake_training", args=[training.pk]),
    )
