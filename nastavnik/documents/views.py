"""Pages of the documents service: the register of orders, downloads, and the forms that issue orders."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nastavnik import policy
from nastavnik.documents import selectors, services
from nastavnik.documents.forms import ISSUE_FORMS, OrderEditForm, OrderForm, RegisterFilterForm, SignForm
from nastavnik.documents.models import Order
from nastavnik.documents.rendering import PdfError
from nastavnik.orgs.models import Organization
from nastavnik.pagecache import kept_page
from nastavnik.people.picker import picked_into
from nastavnik.privacy.services import access_log_record_many

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def documents_home(request: HttpRequest) -> HttpResponse:
    """The register of the user's organisation; a list when they work in several."""
    org_ids = policy.staff_organizations(request.user)
    organizations = list(Organization.objects.filter(pk__in=org_ids).order_by("short_name"))
    if not organizations:
        raise PermissionDenied(_("Приказы доступны сотрудникам организации"))
    if len(organizations) == 1:
        return redirect("order_register", code=organizations[0].code)
    return render(request, "documents/home.html", {"organizations": organizations})


@login_required
@kept_page
def order_register(request: HttpRequest, code: str) -> HttpResponse:
    org = get_object_or_404(Organization, code=code)
    policy.require(request.user, policy.Action.ORG_VIEW_ORDERS, org)
    filters = RegisterFilterForm(request.GET or None, years=selectors.order_years(organization=org))
    year = kind = None
    if filters.is_valid():
        year, kind = filters.cleaned_data["year"], filters.cleaned_data["kind"] or None
    page = Paginator(selectors.order_register(organization=org, year=year, kind=kind), 50).get_page(
        request.GET.get("page")
    )
    context = {
        "org": org,
        "orders": page.object_list,
        "orders_page": page,
        "filters": {k: v for k, v in request.GET.items() if k != "page"},
        "filter_form": filters,
        "can_issue": policy.can(request.user, policy.Action.ORG_ISSUE_ORDERS, org),
        "issue_kinds": [(kind, Order.Kind(kind).label) for kind in ISSUE_FORMS],
        "highlight": request.GET.get("new", ""),
    }
    template = "documents/_register_table.html" if request.htmx else "documents/register.html"
    return render(request, template, context)


def _order_for(request: HttpRequest, pk: int) -> Order:
    order = get_object_or_404(Order.objects.select_related("organization"), pk=pk)
    policy.require(request.user, policy.Action.ORG_VIEW_ORDERS, order.organization)
    # The order names people (pairs, curators, responsible staff): a download is a read of their records.
    access_log_record_many(request=request, people=selectors.order_people(order=order), action="documents.order")
    return order


@login_required
def order_docx(request: HttpRequest, pk: int) -> HttpResponse:
    order = _order_for(request, pk)
    return FileResponse(
        io.BytesIO(services.order_render(order=order)),
        as_attachment=True,
        filename=services.order_filename(order=order),
        content_type=DOCX_TYPE,
    )


@login_required
def order_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    order = _order_for(request, pk)
    try:
        pdf = services.order_pdf(order=order)
    except PdfError as exc:
        messages.error(request, str(exc))
        return redirect("order_register", code=order.organization.code)
    filename = services.order_filename(order=order, ext="pdf")
    return FileResponse(io.BytesIO(pdf), as_attachment=True, filename=filename, content_type="application/pdf")


# --- issuing -------------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def order_issue(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    org = get_object_or_404(Organization.objects.select_related("municipality"), code=code)
    policy.require(request.user, policy.Action.ORG_ISSUE_ORDERS, org)
    form_class = ISSUE_FORMS.get(kind)
    if form_class is None:
        raise Http404(_("Страница не найдена"))
    today = timezone.localdate()
    adding = request.POST.get("add_row", "") if request.method == "POST" else ""
    if request.method == "POST" and not adding:
        form, formsets = _bound(form_class, request.POST, org, today)
        if form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
            order = _issue(request, form, formsets, org)
            if order is not None:
                return redirect("order_detail", pk=order.pk)
    elif adding:
        form, formsets = _unbound_from(form_class, request.POST, org, today, add=adding)
    else:
        form = picked_into(form_class(organization=org, today=today), request)
        initial = form.formset_initial(today)
        formsets = {
            name: fs_class(prefix=name, initial=initial.get(name), form_kwargs={"organization": org})
            for name, fs_class in form_class.formset_classes.items()
        }
    sections = [{"name": n, "title": form.formset_titles[n], "formset": fs} for n, fs in formsets.items()]
    context = {"org": org, "form": form, "formsets": sections, "kind": kind, "title": Order.Kind(kind).label}
    return render(request, "documents/issue_form.html", context)


def _issue(request: HttpRequest, form: OrderForm, formsets: dict, org: Organization) -> Order | None:
    """Everyone prepares a draft; the head signs it on the order's page (their own drafts too: one more click)."""
    try:
        order = services.order_prepare(
            organization=org,
            kind=form.kind,
            date=form.cleaned_data["date"],
            subject=form.cleaned_data["subject"],
            payload=form.payload(formsets),
            created_by=request.user,
        )
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return None
    messages.success(request, _("Проект приказа подготовлен и ждёт подписи руководителя."))
    return order


def _bound(form_class: type[OrderForm], data: QueryDict, org: Organization, today):
    form = form_class(data, organization=org, today=today)
    formsets = {
        name: fs_class(data, prefix=name, form_kwargs={"organization": org})
        for name, fs_class in form_class.formset_classes.items()
    }
    return form, formsets


def _unbound_from(form_class: type[OrderForm], data: QueryDict, org: Organization, today, *, add: str):
    """«Add a row» without JavaScript: the same page again with what was typed as initial values, no errors shown."""
    form = form_class(organization=org, today=today)
    form.initial = {
        name: data.getlist(name) if getattr(field.widget, "allow_multiple_selected", False) else data.get(name)
        for name, field in form.fields.items()
        if name in data
    }
    formsets = {}
    for name, fs_class in form_class.formset_classes.items():
        fields = fs_class.form.base_fields
        count = _int(data.get(f"{name}-TOTAL_FORMS"))
        initial = [{f: data.get(f"{name}-{i}-{f}", "") for f in fields} for i in range(count)]
        initial = [row for row in initial if any(row.values())]
        if name == add:
            initial.append({})
        formsets[name] = fs_class(prefix=name, initial=initial or [{}], form_kwargs={"organization": org})
    return form, formsets


def _int(raw) -> int:
    try:
        return max(0, min(int(raw), 200))
    except (TypeError, ValueError):
        return 0


# --- drafts: the head signs or returns them ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An order's page: its state, the head's comment, the DOCX; the head signs or returns a draft here, the
    preparer edits a draft of any kind in place (a returned one too) and sends it again."""
    order = _order_for(request, pk)
    org = order.organization
    can_sign = policy.can(request.user, policy.Action.ORG_SIGN_ORDERS, org)
    can_prepare = policy.can(request.user, policy.Action.ORG_ISSUE_ORDERS, org)
    sign_form = SignForm(request.POST if request.POST.get("action") in ("sign", "return") else None)
    text_form = None
    if not order.is_signed and can_prepare:
        editing = request.POST.get("action") in ("resubmit", "save")
        text_form = OrderEditForm(request.POST if editing else None, order=order)
        if not editing:
            picked_into(text_form, request)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            done = _order_action(request, order, action, sign_form, text_form)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            done = None
        if done:
            return redirect(done)
    context = {
        "org": org,
        "order": order,
        "can_sign": can_sign and order.status == Order.Status.DRAFT,
        "can_return": can_sign and order.status == Order.Status.DRAFT,
        "can_resubmit": can_prepare and order.status == Order.Status.RETURNED,
        "can_discard": can_prepare and not order.is_signed,
        "sign_form": sign_form,
        "text_form": text_form,
        "regulation": order.payload.get("sections") if order.kind == Order.Kind.APPROVE_REGULATION else None,
    }
    failed = sign_form.errors or (text_form is not None and text_form.errors)
    return render(request, "documents/order_detail.html", context, status=400 if failed else 200)


def _order_action(request: HttpRequest, order: Order, action: str, sign_form, text_form) -> str | None:
    """Do what was asked; the address to go to next, or None to show the page again with its errors."""
    org = order.organization
    if action in ("sign", "return"):
        policy.require(request.user, policy.Action.ORG_SIGN_ORDERS, org)
        if not sign_form.is_valid():
            return None
        comment = sign_form.cleaned_data["comment"]
        if action == "sign":
            signed = services.order_sign(order=order, signed_by_user=request.user, comment=comment)
            messages.success(
                request,
                _("Приказ подписан: № %(number)s от %(date)s.")
                % {"number": signed.display_number, "date": signed.date.strftime("%d.%m.%Y")},
            )
        else:
            services.order_return(order=order, comment=comment, returned_by=request.user)
            messages.success(request, _("Проект возвращён на доработку с комментарием."))
        return reverse("order_detail", args=[order.pk])
    if action in ("resubmit", "save", "discard"):
        policy.require(request.user, policy.Action.ORG_ISSUE_ORDERS, org)
        if action == "discard":
            services.order_discard(order=order)
            messages.success(request, _("Проект приказа удалён."))
            return reverse("order_register", kwargs={"code": org.code})
        if text_form is None or not text_form.is_valid():
            return None
        changes = text_form.changes()
        send = action == "resubmit"
        try:
            services.order_edit(
                order=order, payload_changes=changes, subject=text_form.cleaned_data["subject"], send=send
            )
        except ValidationError as exc:
            for message in exc.messages:
                text_form.add_error(None, message)
            return None
        if send and order.status == Order.Status.RETURNED:
            messages.success(request, _("Проект снова передан руководителю на подпись."))
        else:
            messages.success(request, _("Изменения проекта сохранены."))
        return reverse("order_detail", args=[order.pk])
    raise ValidationError(_("Неизвестное действие."))
