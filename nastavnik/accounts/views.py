"""Accounts: invitations and slips from the person page and the people list, the municipal coordinator's new
organisation, the password pages (Django's auth views with Russian templates)."""

from __future__ import annotations

from base64 import b32encode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device

from nastavnik import policy
from nastavnik.accounts import services, slips
from nastavnik.accounts.forms import (
    OrganizationAddForm,
    OTPTokenForm,
    OwnPasswordChangeForm,
    OwnPasswordForm,
    PersonEmailPasswordResetForm,
    SlipFormatForm,
)
from nastavnik.orgs.models import Municipality
from nastavnik.people.models import Person

BULK_LIMIT = 500


def _person_for_account(request: HttpRequest, pk: int) -> Person:
    person = get_object_or_404(Person.objects.select_related("organization", "user"), pk=pk, anonymised_at__isnull=True)
    policy.require(request.user, policy.Action.PERSON_MANAGE_ACCOUNT, person)
    return person


def _slips_response(slip_list: list[services.Slip], *, want_pdf: bool) -> HttpResponse:
    content, filename, content_type = slips.slips_file(slip_list, want_pdf=want_pdf)
    response = FileResponse(iter([content]), as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "no-store"  # one-time passwords: never kept by a proxy or the browser cache
    return response


# --- one person ---------------------------------------------------------------------------------------------------


@login_required
@require_POST
def person_invite(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for_account(request, pk)
    try:
        services.account_invite(person=person, issued_by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Приглашение отправлено на %(email)s; ссылка действует 7 дней.") % {"email": person.email}
        )
    return redirect("person", pk=person.pk)


@login_required
@require_POST
def person_slip(request: HttpRequest, pk: int) -> HttpResponse:
    """A new one-time password on a printed slip (first issue, re-issue, or a reset for someone without e-mail)."""
    person = _person_for_account(request, pk)
    try:
        slip_list = services.account_issue_slips(people=[person], issued_by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("person", pk=person.pk)
    return _slips_response(slip_list, want_pdf=SlipFormatForm(request.POST).want_pdf)


@login_required
@require_POST
def person_disable(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for_account(request, pk)
    if services.account_disable(person=person, disabled_by=request.user):
        messages.success(request, _("Учётная запись отключена: войти с ней больше нельзя."))
    return redirect("person", pk=person.pk)


# --- many people --------------------------------------------------------------------------------------------------


@login_required
@require_POST
def bulk_issue(request: HttpRequest) -> HttpResponse:
    """From the people list: the checked people, or a whole class of one organisation."""
    org_ids = policy.staff_organizations(request.user, roles=policy.MANAGERS)
    if not org_ids:
        raise PermissionDenied(_("Учётные записи выдают руководитель, координатор и куратор"))
    people = Person.objects.filter(organization_id__in=org_ids, anonymised_at__isnull=True).select_related(
        "organization", "user"
    )
    school_class = request.POST.get("class", "").strip()
    ids = [int(v) for v in request.POST.getlist("person") if v.isdigit()]
    if school_class:
        people = people.filter(school_class__iexact=school_class)
        if org_id := _int(request.POST.get("org")):
            people = people.filter(organization_id=org_id)
    elif ids:
        people = people.filter(pk__in=ids)
    else:
        messages.error(request, _("Отметьте людей в списке или выберите класс."))
        return redirect(_back(request))
    people = list(people.order_by("school_class", "last_name", "first_name")[: BULK_LIMIT + 1])
    if len(people) > BULK_LIMIT:
        messages.error(request, _("Слишком много людей за один раз: выберите класс или отметьте не больше 500."))
        return redirect(_back(request))
    for org in {p.organization for p in people}:
        policy.require(request.user, policy.Action.ORG_MANAGE_ACCOUNTS, org)
    result = services.accounts_issue_bulk(people=people, issued_by=request.user)
    _bulk_messages(request, result)
    if result.slips:
        return _slips_response(result.slips, want_pdf=SlipFormatForm(request.POST).want_pdf)
    return redirect(_back(request))


def _bulk_messages(request: HttpRequest, result: services.IssueResult) -> None:
    # «Отправлено приглашений: 2» reads right for every number, so no plural forms are needed.
    if result.invited:
        messages.success(request, _("Отправлено приглашений по e-mail: %(n)d.") % {"n": len(result.invited)})
    if result.slips:
        messages.success(request, _("Листков с паролями в файле: %(n)d.") % {"n": len(result.slips)})
    if result.skipped:
        messages.info(
            request,
            _("Уже с учётной записью (новый пароль выдаётся на странице человека): %(n)d.")
            % {"n": len(result.skipped)},
        )
    if result.refused:
        names = ", ".join(p.short_name for p, _reason in result.refused)
        messages.warning(
            request,
            _(
                "Не выдано — нет действующего согласия законного представителя на участие (оформите его на "
                "странице человека): %(names)s."
            )
            % {"names": names},
        )


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("people")


def _int(raw: str | None) -> int | None:
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


# --- the municipal coordinator ------------------------------------------------------------------------------------


@login_required
def municipal_org_add(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = get_object_or_404(Municipality, pk=pk)
    policy.require(request.user, policy.Action.MUNICIPAL_ADD_ORGANIZATION, municipality)
    form = OrganizationAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            org, account = services.organization_create(
                code=data["code"],
                name=data["name"],
                short_name=data["short_name"],
                kind=data["kind"],
                municipality=municipality,
                director=data["director"],
                email=data["email"],
                created_by=request.user,
                send_invitation=True,
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Организация «%(org)s» добавлена; руководителю отправлено приглашение на %(email)s.")
                % {"org": org.short_name, "email": account.person.email},
            )
            return redirect("municipal")
    status = 400 if form.errors else 200
    context = {"form": form, "municipality": municipality, "organizations": municipality.organizations.all()}
    return render(request, "accounts/org_add.html", context, status=status)


# --- passwords ----------------------------------------------------------------------------------------------------


@login_required
def password_first(request: HttpRequest) -> HttpResponse:
    """One's own new password: required after a one-time password, open to anyone signed in.

    The object is the user's own login, so no policy rule: every signed-in user may change their own password.
    """
    policy.own_login(request.user)
    required = request.user.password_change_required
    # Just signed in with the one-time password: no need to type it again. Otherwise the old password first.
    form_class = OwnPasswordForm if required else OwnPasswordChangeForm
    form = form_class(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        if required:
            messages.success(request, _("Пароль сохранён. Запомните его: одноразовый пароль больше не действует."))
        else:
            messages.success(request, _("Пароль изменён."))
        return redirect("home")
    return render(request, "accounts/password_first.html", {"form": form, "required": required})


class _PasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        self.extra_email_context = {"site_url": settings.SITE_URL}  # links in mail come from SITE_URL
        return super().form_valid(form)


# Public pages (no login): Django's own password-reset views with Russian templates.
password_reset = policy.public(
    _PasswordResetView.as_view(
        form_class=PersonEmailPasswordResetForm,
        template_name="registration/password_reset_form.html",
        email_template_name="registration/password_reset_email.txt",
        subject_template_name="registration/password_reset_subject.txt",
        success_url=reverse_lazy("password_reset_done"),
    )
)
password_reset_done = policy.public(
    auth_views.PasswordResetDoneView.as_view(template_name="registration/password_reset_done.html")
)
password_reset_confirm = policy.public(
    auth_views.PasswordResetConfirmView.as_view(
        form_class=OwnPasswordForm,
        template_name="registration/password_reset_confirm.html",
        success_url=reverse_lazy("password_reset_complete"),
    )
)
password_reset_complete = policy.public(
    auth_views.PasswordResetCompleteView.as_view(template_name="registration/password_reset_complete.html")
)


# --- two-factor sign-in (own login only: no policy object) ----------------------------------------------------------


@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: a QR code and the key, then the first code; recovery codes shown once."""
    import segno

    policy.own_login(request.user)
    if user_has_device(request.user):
        return redirect("otp_verify")
    device = services.otp_device_pending(user=request.user)
    form = OTPTokenForm(request.POST or None)
    form.fields["token"].help_text = _("Шесть цифр, которые показывает приложение")  # no recovery codes yet
    if request.method == "POST" and form.is_valid():
        confirmed = services.otp_confirm(user=request.user, token=form.cleaned_data["token"])
        if confirmed:
            otp_login(request, confirmed[0])
            return render(request, "accounts/otp_codes.html", {"codes": confirmed[1]})
        form.add_error("token", _("Код не подошёл. Проверьте время на телефоне и введите новый код."))
    context = {
        "form": form,
        "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=4),
        "secret": b32encode(device.bin_key).decode(),
    }
    return render(request, "accounts/otp_setup.html", context, status=400 if form.errors else 200)


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    policy.own_login(request.user)
    if request.user.is_verified():
        return redirect("home")
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect("home")
        form.add_error("token", _("Код не подошёл или уже использован."))
    return render(request, "accounts/otp_verify.html", {"form": form}, status=400 if form.errors else 200)
