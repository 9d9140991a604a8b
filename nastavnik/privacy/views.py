"""Pages about personal data: a person's consents, «my data» with the export and who viewed the record, and the
organisation's overview of consents, access log and destruction records."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from nastavnik import policy
from nastavnik.documents.rendering import PdfError, pdf_available
from nastavnik.orgs.models import Organization
from nastavnik.people.models import Person
from nastavnik.privacy import consent_docs, selectors, services, texts
from nastavnik.privacy.destruction_act import act_number, act_records, destruction_act_docx, destruction_act_pdf
from nastavnik.privacy.export import personal_data_export
from nastavnik.privacy.forms import ConsentPrepareForm, ConsentSignForm, ConsentWithdrawForm
from nastavnik.privacy.models import Consent, DestructionRecord
from nastavnik.security.models import SecurityEvent
from nastavnik.security.services import security_event_record

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _person(pk: int) -> Person:
    return get_object_or_404(Person.objects.select_related("organization"), pk=pk, anonymised_at__isnull=True)


def _consent(request: HttpRequest, pk: int) -> Consent:
    consent = get_object_or_404(
        Consent.objects.select_related("person", "person__organization", "given_by"),
        pk=pk,
        person__anonymised_at__isnull=True,
    )
    policy.require(request.user, policy.Action.PERSON_MANAGE_CONSENT, consent.person)
    return consent


def _posted(request: HttpRequest):
    """The POST data for a bound form (even an empty POST must be validated), None on GET."""
    return request.POST if request.method == "POST" else None


def _download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# --- a person's consents ------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def person_consents(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(pk)
    policy.require(request.user, policy.Action.PERSON_MANAGE_CONSENT, person)
    form = ConsentPrepareForm(_posted(request), person=person)
    if request.method == "POST" and form.is_valid():
        try:
            consent = services.consent_prepare(
                person=person,
                purpose=form.cleaned_data["purpose"],
                given_by=form.cleaned_data["given_by"],
                guardian_basis=form.cleaned_data.get("guardian_basis") or "",
                valid_until=form.cleaned_data["valid_until"],
                recorded_by=request.user,
                publish_categories=form.cleaned_data.get("publish_categories") or [],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _after_prepare(request, consent)
    services.access_log_record(request=request, person=person, action="privacy.consents")
    consents = list(selectors.consents_of_person(person=person))
    for consent in consents:
        consent.status = selectors.consent_status(consent)
    context = {
        "person": person,
        "consents": consents,
        "form": form,
        "is_staff_manager": person.organization is not None
        and policy.can(request.user, policy.Action.ORG_MANAGE_CONSENTS, person.organization),
        "guardians": person.guardians.select_related("guardian") if person.is_minor else [],
        "purge_days": _purge_days(),
    }
    return render(request, "privacy/person_consents.html", context, status=400 if form.errors else 200)


def _after_prepare(request: HttpRequest, consent: Consent) -> HttpResponse:
    """cycle: what to do next depends on who prepared the consent. Staff print it and record the signature; the
    person giving it (a parent for a child) reads and signs it electronically, or on paper when the law asks so."""
    purpose = consent.get_purpose_display()
    if policy.signs_consent_as_staff(request.user, consent):
        messages.success(
            request, _("Согласие «%(p)s» подготовлено: распечатайте его и отметьте подписание.") % {"p": purpose}
        )
        return redirect("privacy_consents", pk=consent.person_id)
    if consent.purpose == Consent.Purpose.PSYCH_DIAGNOSTICS:
        messages.success(
            request,
            _(
                "Согласие «%(p)s» подготовлено. Оно даётся письменно: скачайте его, подпишите и передайте "
                "куратору программы."
            )
            % {"p": purpose},
        )
        return redirect("privacy_consents", pk=consent.person_id)
    messages.success(
        request,
        _("Согласие «%(p)s» подготовлено. Прочитайте его и подпишите — здесь, электронно.") % {"p": purpose},
    )
    return redirect("privacy_consent_sign", pk=consent.pk)


def _purge_days() -> int:
    return settings.PURGE_AFTER_DAYS


@login_required
@require_GET
def consent_docx(request: HttpRequest, pk: int) -> HttpResponse:
    consent = _consent(request, pk)
    services.access_log_record(request=request, person=consent.person, action="privacy.consent_docx")
    content = consent_docs.consent_docx(consent=consent)
    return _download(content, filename=consent_docs.consent_filename(consent, "docx"), content_type=DOCX)


@login_required
@require_GET
def consent_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    consent = _consent(request, pk)
    try:
        content = consent_docs.consent_pdf(consent=consent)
    except PdfError as exc:
        messages.error(request, str(exc))
        return redirect("privacy_consents", pk=consent.person_id)
    services.access_log_record(request=request, person=consent.person, action="privacy.consent_docx")
    return _download(content, filename=consent_docs.consent_filename(consent, "pdf"), content_type="application/pdf")


@login_required
@require_http_methods(["GET", "POST"])
def consent_sign(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff record a paper signature; the person who gives the consent may sign it electronically themselves."""
    consent = _consent(request, pk)
    manager = policy.signs_consent_as_staff(request.user, consent)
    if not policy.may_sign_consent(request.user, consent):
        raise PermissionDenied(_("Подписание отмечает куратор или тот, кто даёт согласие"))
    form = ConsentSignForm(_posted(request))
    if not manager:
        form.fields["form"].choices = [(Consent.Form.ELECTRONIC, Consent.Form.ELECTRONIC.label)]
        form.initial["form"] = Consent.Form.ELECTRONIC
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_sign(
                consent=consent,
                signed_at=form.cleaned_data["signed_at"],
                form=form.cleaned_data["form"],
                recorded_by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Подписание согласия отмечено: согласие действует."))
            return redirect("privacy_consents", pk=consent.person_id)
    services.access_log_record(request=request, person=consent.person, action="privacy.consent_sign")
    context = {"consent": consent, "person": consent.person, "form": form, "is_staff_manager": manager}
    return render(request, "privacy/consent_sign.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    consent = _consent(request, pk)
    form = ConsentWithdrawForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(consent=consent, withdrawn_by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Согласие отозвано: обработка по этой цели прекращена."))
            return redirect("privacy_consents", pk=consent.person_id)
    services.access_log_record(request=request, person=consent.person, action="privacy.consent_withdraw")
    stops = consent.purpose == Consent.Purpose.PARTICIPATION or not (
        selectors.consents_active().filter(person=consent.person).exclude(pk=consent.pk).exists()
    )
    context = {"consent": consent, "person": consent.person, "form": form, "stops": stops, "purge_days": _purge_days()}
    return render(request, "privacy/consent_withdraw.html", context, status=400 if form.errors else 200)


# --- my data ---------------------------------------------------------------------------------------------------


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    actor = policy.actor_for(request.user)
    me = Person.objects.filter(pk=actor.person_id, anonymised_at__isnull=True).first()
    wards = Person.objects.filter(pk__in=actor.ward_ids, anonymised_at__isnull=True)
    subjects = ([me] if me else []) + list(wards)
    rows = [
        {
            "person": p,
            "own": p.pk == actor.person_id,
            "can_consent": policy.can(request.user, policy.Action.PERSON_MANAGE_CONSENT, p),
            "consents": selectors.consents_of_person(person=p),
            "views": selectors.access_log_about(person=p).exclude(user=request.user).count(),
        }
        for p in subjects
    ]
    return render(request, "privacy/my_data.html", {"rows": rows})


@login_required
@require_GET
def person_data(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(pk)
    policy.require(request.user, policy.Action.PERSON_EXPORT_DATA, person)
    services.access_log_record(request=request, person=person, action="privacy.data")
    log = Paginator(selectors.access_log_about(person=person), 50).get_page(request.GET.get("page"))
    for entry in log:
        entry.label = texts.access_action_label(entry.action)
    context = {
        "person": person,
        "log": log,
        "can_consent": policy.can(request.user, policy.Action.PERSON_MANAGE_CONSENT, person),
    }
    template = "privacy/_access_log.html" if request.htmx else "privacy/person_data.html"
    return render(request, template, context)


@login_required
@require_GET
def person_export(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(pk)
    policy.require(request.user, policy.Action.PERSON_EXPORT_DATA, person)
    services.access_log_record(request=request, person=person, action="privacy.export")
    security_event_record(
        kind=SecurityEvent.Kind.EXPORT, request=request, organization_id=person.organization_id,
        detail=_("Выгрузка всех данных человека: %(name)s") % {"name": person.short_name},
    )
    content = personal_data_export(person=person)
    filename = f"dannye-{person.pk}-{timezone.localdate():%Y%m%d}.xlsx"
    return _download(content, filename=filename, content_type=XLSX)


# --- the organisation --------------------------------------------------------------------------------------------


def _org(request: HttpRequest, code: str, action: policy.Action) -> Organization:
    org = get_object_or_404(Organization, code=code)
    policy.require(request.user, action, org)
    return org


@login_required
@require_GET
def org_consents(request: HttpRequest, code: str) -> HttpResponse:
    org = _org(request, code, policy.Action.ORG_MANAGE_CONSENTS)
    only_lacking = request.GET.get("lacking") == "1"
    rows = selectors.organization_consents(organization=org, only_lacking=only_lacking)
    services.access_log_record_many(request=request, people=[r.person for r in rows], action="privacy.org_consents")
    context = {
        "org": org,
        "rows": rows,
        "purposes": Consent.Purpose.choices,
        "only_lacking": only_lacking,
        "lacking_count": sum(1 for r in rows if r.lacks_participation),
    }
    template = "privacy/_org_consents_table.html" if request.htmx else "privacy/org_consents.html"
    return render(request, template, context)


@login_required
@require_GET
def org_audit(request: HttpRequest, code: str) -> HttpResponse:
    org = _org(request, code, policy.Action.ORG_VIEW_AUDIT)
    query = request.GET.get("q", "")
    log = Paginator(selectors.access_log_of_organization(organization=org, query=query), 50).get_page(
        request.GET.get("page")
    )
    for entry in log:
        entry.label = texts.access_action_label(entry.action)
    context = {"org": org, "log": log, "filters": request.GET, "show_subject": True}
    template = "privacy/_access_log.html" if request.htmx else "privacy/org_audit.html"
    return render(request, template, context)


@login_required
@require_GET
def org_destruction(request: HttpRequest, code: str) -> HttpResponse:
    org = _org(request, code, policy.Action.ORG_VIEW_AUDIT)
    records = Paginator(selectors.destruction_records(organization=org), 50).get_page(request.GET.get("page"))
    context = {"org": org, "records": records, "pdf_available": pdf_available()}
    return render(request, "privacy/org_destruction.html", context)


# --- rosters: the destruction act for the commission ---


@login_required
@require_GET
def org_destruction_act(request: HttpRequest, code: str, pk: int, fmt: str) -> HttpResponse:
    """The act of the purge run that register row `pk` belongs to, DOCX or PDF."""
    org = _org(request, code, policy.Action.ORG_VIEW_AUDIT)
    record = get_object_or_404(DestructionRecord, pk=pk, organization=org)
    records = act_records(record)
    name = f"akt-unichtozheniya-{act_number(records)}"
    if fmt == "pdf":
        try:
            content = destruction_act_pdf(records)
        except PdfError as error:
            messages.error(request, str(error))
            return redirect("privacy_org_destruction", code=org.code)
        return _download(content, filename=f"{name}.pdf", content_type="application/pdf")
    return _download(
        destruction_act_docx(records),
        filename=f"{name}.docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
