"""Staff pages: the list of questionnaires, the builder, preview, filled questionnaires and personal links.

Who may do what: organisation staff see the catalogue and their organisation's questionnaires; building, editing
and sending links need `ORG_MANAGE_INTAKE` on the organisation (director, coordinator, curator, psychologist).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget

from nastavnik import policy
from nastavnik.orgs.models import Organization
from nastavnik.people.models import Person
from nastavnik.privacy.models import Consent
from nastavnik.privacy.selectors import persons_with_consent
from nastavnik.privacy.services import access_log_record, access_log_record_many
from nastavnik.surveys import selectors, services
from nastavnik.surveys.forms import InvitationForm, QuestionForm, ResponseForm, SectionForm, SurveyForm
from nastavnik.surveys.models import Invitation, Question, Section, Survey, SurveyVersion

MANAGE = policy.Action.ORG_MANAGE_INTAKE


# --- access ------------------------------------------------------------------------------------------------------


def _survey(request: HttpRequest, pk: int, action: policy.Action = policy.Action.ORG_VIEW_PEOPLE) -> Survey:
    """The questionnaire if the user may do `action` on it: 404 when not visible, 403 when visible but refused."""
    survey = get_object_or_404(Survey.objects.select_related("organization"), pk=pk)
    if survey.organization is not None:
        policy.require(request.user, action, survey.organization)
    elif not policy.staff_organizations(request.user):
        raise Http404(_("Страница не найдена"))
    elif action != policy.Action.ORG_VIEW_PEOPLE:
        raise PermissionDenied(_("Анкеты общего каталога не редактируются: сделайте копию для своей организации."))
    return survey


def _latest(survey: Survey) -> SurveyVersion:
    version = survey.versions.order_by("-number").first()
    if version is None:
        raise Http404(_("Страница не найдена"))
    return version


# --- list and creation -------------------------------------------------------------------------------------------


@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    if not policy.staff_organizations(request.user):
        raise PermissionDenied(_("Анкеты доступны сотрудникам организации"))
    surveys = list(selectors.survey_list_for(user=request.user))
    manageable = list(selectors.manageable_organizations(user=request.user))
    counts = selectors.response_counts(surveys=surveys, user=request.user)
    manageable_ids = {o.pk for o in manageable}
    rows = [
        {"survey": s, "responses": counts.get(s.pk, 0), "can_build": s.organization_id in manageable_ids}
        for s in surveys
    ]
    context = {
        "catalog_rows": [r for r in rows if r["survey"].is_catalog],
        "own_rows": [r for r in rows if not r["survey"].is_catalog],
        "manageable": manageable,
        "can_create": bool(manageable),
    }
    return render(request, "surveys/survey_list.html", context)


@login_required
def survey_create(request: HttpRequest) -> HttpResponse:
    organizations = selectors.manageable_organizations(user=request.user)
    if not organizations.exists():
        raise PermissionDenied(_("Создавать анкеты могут куратор, координатор, руководитель и педагог-психолог."))
    form = SurveyForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        organization = form.cleaned_data["organization"]
        policy.require(request.user, MANAGE, organization)
        try:
            survey = services.survey_create(
                organization=organization,
                title=form.cleaned_data["title"],
                purpose=form.cleaned_data["purpose"],
                description=form.cleaned_data["description"],
                created_by=request.user,
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Анкета создана. Добавьте вопросы и опубликуйте её."))
            return redirect("survey_build", survey.pk)
    return render(request, "surveys/survey_create.html", {"form": form})


@login_required
@require_POST
def survey_copy(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    organization = get_object_or_404(Organization, pk=request.POST.get("organization") or 0)
    policy.require(request.user, MANAGE, organization)
    copy = services.survey_copy(survey=survey, organization=organization, created_by=request.user)
    messages.success(
        request, _("Создана копия анкеты для вашей организации. Измените её и опубликуйте, когда будет готова.")
    )
    return redirect("survey_build", copy.pk)


# --- builder -----------------------------------------------------------------------------------------------------


def _builder_context(survey: Survey, version: SurveyVersion, **extra: Any) -> dict[str, Any]:
    structure = selectors.version_structure(version=version)
    add_section_id = extra.pop("add_section_id", None)
    add_form = extra.pop("add_form", None)
    sections = [
        {
            "section": section,
            "number": n,
            "questions": questions,
            "add_form": add_form
            if add_form is not None and section.pk == add_section_id
            else QuestionForm(version=version, initial={"required": True}),
            "add_open": add_form is not None and section.pk == add_section_id,
        }
        for n, (section, questions) in enumerate(structure, start=1)
    ]
    order = [q.pk for _section, questions in structure for q in questions]
    return {
        "survey": survey,
        "version": version,
        "sections": sections,
        "question_count": len(order),
        # The very first question cannot go up, nor the very last down.
        "first_question_pk": order[0] if order else None,
        "last_question_pk": order[-1] if order else None,
        "response_count": version.responses.count(),
        **extra,
    }


def _builder_page(request: HttpRequest, survey: Survey, version: SurveyVersion, **extra: Any) -> HttpResponse:
    context = _builder_context(survey, version, **extra)
    if request.htmx:
        return render(request, "surveys/_builder_body.html", context)
    context["settings_form"] = SurveyForm(
        initial={"title": survey.title, "purpose": survey.purpose, "description": survey.description}
    )
    context["versions"] = survey.versions.order_by("-number")
    return render(request, "surveys/survey_build.html", context)


def _after_edit(request: HttpRequest, survey: Survey, before: SurveyVersion, after: SurveyVersion) -> HttpResponse:
    url = reverse("survey_build", args=[survey.pk])
    if after.pk != before.pk:
        messages.info(
            request,
            _(
                "На версию %(old)s уже есть ответы, поэтому изменение сохранено в новой версии %(new)s (черновик). "
                "Прежние ответы остаются привязаны к версии %(old)s. Опубликуйте новую версию, когда она будет готова."
            )
            % {"old": before.number, "new": after.number},
        )
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    if request.htmx:
        return _builder_page(request, survey, after)
    return redirect(url)


def _edit(
    request: HttpRequest, survey: Survey, version: SurveyVersion, change: Callable[[], SurveyVersion]
) -> HttpResponse:
    """One change in the builder: the builder with the service's messages if refused, else `_after_edit`."""
    try:
        after = change()
    except ValidationError as exc:
        return _builder_page(request, survey, version, builder_errors=exc.messages)
    return _after_edit(request, survey, version, after)


@login_required
def survey_build(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk)
    if survey.is_catalog:
        _survey(request, pk)
        return redirect("survey_preview", pk)
    survey = _survey(request, pk, MANAGE)
    return _builder_page(request, survey, _latest(survey))


@login_required
@require_POST
def survey_settings(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk, MANAGE)
    form = SurveyForm(request.POST)
    if form.is_valid():
        try:
            services.survey_update(
                survey=survey,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                purpose=form.cleaned_data["purpose"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Название и пояснение сохранены."))
    else:
        messages.error(request, _("Название анкеты не может быть пустым."))
    return redirect("survey_build", pk)


@login_required
@require_POST
def survey_publish(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk, MANAGE)
    try:
        version = services.version_publish(version=_latest(survey))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Версия %(n)s опубликована: её можно заполнять и рассылать.") % {"n": version.number}
        )
    return redirect("survey_build", pk)


@login_required
@require_POST
def section_add(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk, MANAGE)
    version = _latest(survey)
    form = SectionForm(request.POST)
    form.is_valid()
    title = form.cleaned_data.get("title", "")
    return _edit(request, survey, version, lambda: services.section_add(version=version, title=title).version)


def _section(request: HttpRequest, pk: int) -> tuple[Section, Survey]:
    section = get_object_or_404(Section.objects.select_related("version__survey"), pk=pk)
    return section, _survey(request, section.version.survey_id, MANAGE)


@login_required
@require_POST
def section_edit(request: HttpRequest, pk: int) -> HttpResponse:
    section, survey = _section(request, pk)
    form = SectionForm(request.POST)
    form.is_valid()
    title = form.cleaned_data.get("title", "")
    return _edit(
        request, survey, section.version, lambda: services.section_update(section=section, title=title).version
    )


@login_required
@require_POST
def section_delete(request: HttpRequest, pk: int) -> HttpResponse:
    section, survey = _section(request, pk)
    return _edit(request, survey, section.version, lambda: services.section_delete(section=section))


@login_required
@require_POST
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk, MANAGE)
    version = _latest(survey)
    form = QuestionForm(request.POST, version=version)
    if form.is_valid():
        try:
            question = services.question_add(version=version, section=form.chosen_section(), **form.service_fields())
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            return _after_edit(request, survey, version, question.version)
    # The form comes back open, with its messages, in the section it was meant for (the last one by default).
    section = form.chosen_section() or version.sections.order_by("-position", "-pk").first()
    return _builder_page(request, survey, version, add_form=form, add_section_id=section.pk if section else None)


def _question(request: HttpRequest, pk: int) -> tuple[Question, Survey]:
    question = get_object_or_404(Question.objects.select_related("version__survey", "section"), pk=pk)
    return question, _survey(request, question.version.survey_id, MANAGE)


@login_required
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question, survey = _question(request, pk)
    version = question.version
    if request.method == "POST":
        form = QuestionForm(request.POST, version=version)
        if form.is_valid():
            try:
                updated = services.question_update(
                    question=question, section=form.chosen_section(), **form.service_fields()
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                return _after_edit(request, survey, version, updated.version)
    else:
        form = QuestionForm(initial=QuestionForm.initial_for(question), version=version)
    context = {"survey": survey, "version": version, "question": question, "form": form}
    if request.htmx:
        response = render(request, "surveys/_question_edit.html", context)
        if request.method == "POST":  # errors go back into the question's card, not the whole builder
            response = reswap(retarget(response, f"#q-{question.pk}"), "outerHTML")
        return response
    return render(request, "surveys/question_edit.html", context)


@login_required
@require_POST
def question_move(request: HttpRequest, pk: int) -> HttpResponse:
    question, survey = _question(request, pk)
    direction = request.POST.get("direction", "")
    return _edit(
        request,
        survey,
        question.version,
        lambda: services.question_move(question=question, direction=direction).version,
    )


@login_required
@require_POST
def question_delete(request: HttpRequest, pk: int) -> HttpResponse:
    question, survey = _question(request, pk)
    return _edit(request, survey, question.version, lambda: services.question_delete(question=question))


# --- preview -----------------------------------------------------------------------------------------------------


@login_required
def survey_preview(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    versions = survey.versions.order_by("-number")
    number = request.GET.get("v")
    version = versions.filter(number=number).first() if number and number.isdigit() else versions.first()
    if version is None:
        raise Http404(_("Страница не найдена"))
    form = ResponseForm(request.POST or None, version=version)
    checked = request.method == "POST" and form.is_valid()
    context = {
        "survey": survey,
        "version": version,
        "versions": versions,
        "form": form,
        "checked": checked,
        "manageable": list(selectors.manageable_organizations(user=request.user)) if survey.is_catalog else [],
        "can_build": not survey.is_catalog and policy.can(request.user, MANAGE, survey.organization),
    }
    return render(request, "surveys/survey_preview.html", context)


# --- filled questionnaires ----------------------------------------------------------------------------------------


@login_required
def survey_responses(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    responses = selectors.responses_visible(user=request.user, survey=survey)
    page = Paginator(responses, 50).get_page(request.GET.get("page"))
    # Who was shown on this page of answers (the person answered about, and who filled it in).
    shown = {p.pk: p for r in page for p in (r.about, r.respondent) if p is not None}
    access_log_record_many(request=request, people=list(shown.values()), action="surveys.responses")
    context = {
        "survey": survey,
        "page": page,
        "filters": request.GET,
        "invitations": selectors.invitations_of_survey(survey=survey, user=request.user)[:50],
    }
    return render(request, "surveys/survey_responses.html", context)


@login_required
def response_detail(request: HttpRequest, pk: int) -> HttpResponse:
    response = get_object_or_404(selectors.responses_visible(user=request.user), pk=pk)
    if response.about is not None:
        access_log_record(request=request, person=response.about, action="surveys.response")
    context = {
        "response": response,
        "survey": response.version.survey,
        "answers": selectors.response_answers(response=response),
        "can_open_survey": bool(policy.staff_organizations(request.user)),
    }
    return render(request, "surveys/response_detail.html", context)


# --- personal links ----------------------------------------------------------------------------------------------


def _invitable_people(request: HttpRequest, survey: Survey):
    org_ids = [o.pk for o in selectors.manageable_organizations(user=request.user)]
    if survey.organization_id is not None:
        org_ids = [pk for pk in org_ids if pk == survey.organization_id]
    people = policy.scope_people(request.user, Person.objects.all())
    return people.filter(organization_id__in=org_ids, anonymised_at__isnull=True).select_related("organization")


@login_required
def survey_invite(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    if not survey.fills_alone:
        messages.error(
            request,
            _("Эту анкету заполняют не по личной ссылке, а на своём месте: %(where)s.")
            % {"where": survey.get_purpose_display().lower()},
        )
        return redirect("survey_preview", survey.pk)
    if survey.organization is not None:
        policy.require(request.user, MANAGE, survey.organization)
    elif not selectors.manageable_organizations(user=request.user).exists():
        raise PermissionDenied(_("Отправлять ссылки могут куратор, координатор, руководитель и педагог-психолог."))
    version = survey.versions.filter(published_at__isnull=False).order_by("-number").first()
    people = _invitable_people(request, survey)
    if request.method == "POST":
        return _invite_create(request, survey, version, people)
    query = request.GET.get("q", "").strip()
    found = list(_search(people, query)[:30]) if query else []
    with_consent = set(
        persons_with_consent(purpose=Consent.Purpose.QUESTIONNAIRES)
        .filter(pk__in=[p.pk for p in found])
        .values_list("pk", flat=True)
    )
    context = {
        "survey": survey,
        "version": version,
        "query": query,
        "found": [{"person": p, "has_consent": p.pk in with_consent} for p in found],
        "form": InvitationForm(),
    }
    return render(request, "surveys/survey_invite.html", context)


def _search(people, query: str):
    for word in query.split()[:3]:
        people = people.filter(last_name__icontains=word) | people.filter(first_name__icontains=word)
    return people.order_by("last_name", "first_name")


def _invite_create(request: HttpRequest, survey: Survey, version: SurveyVersion | None, people) -> HttpResponse:
    form = InvitationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Срок действия ссылки — от 1 до 90 дней."))
        return redirect("survey_invite", survey.pk)
    person = get_object_or_404(people, pk=form.cleaned_data["person"])
    policy.require(request.user, MANAGE, person.organization)
    if version is None:
        messages.error(request, _("Сначала опубликуйте анкету: по ссылке можно заполнить только опубликованную."))
        return redirect("survey_invite", survey.pk)
    try:
        invitation = services.invitation_create(
            version=version, person=person, created_by=request.user, days=form.cleaned_data["days"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        no_consent = any(e.code == "no_consent" for e in exc.error_list) if hasattr(exc, "error_list") else False
        if no_consent and policy.can(request.user, policy.Action.PERSON_MANAGE_CONSENT, person):
            # cycle: straight to where the consent is prepared.
            return redirect("privacy_consents", person.pk)
        return redirect("survey_invite", survey.pk)
    if form.cleaned_data["send_email"]:
        link = request.build_absolute_uri(reverse("survey_public", args=[invitation.token]))
        if services.invitation_email(invitation=invitation, link=link):
            messages.success(request, _("Ссылка отправлена на %(email)s.") % {"email": person.email})
        else:
            messages.warning(request, _("У человека не указан e-mail: передайте ссылку сами."))
    return redirect("survey_invitation", invitation.pk)


@login_required
def invitation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(
        Invitation.objects.select_related("version__survey", "person__organization", "response"), pk=pk
    )
    if invitation.person.organization is None:
        raise Http404(_("Страница не найдена"))
    policy.require(request.user, MANAGE, invitation.person.organization)
    context = {
        "invitation": invitation,
        "survey": invitation.version.survey,
        "link": request.build_absolute_uri(reverse("survey_public", args=[invitation.token])),
        "has_consent": persons_with_consent(purpose=Consent.Purpose.QUESTIONNAIRES)
        .filter(pk=invitation.about_person.pk)
        .exists(),
        "response": invitation.response,
    }
    return render(request, "surveys/invitation_detail.html", context)
