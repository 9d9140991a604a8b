"""Pages for the people who fill questionnaires: the personal one-time link (no account) and «my questionnaires».

The public page `/q/<token>/` is the one page here without login: the unguessable token is the key, it works once and
only until it expires, and the answers go through the same consent gate as everywhere else.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from nastavnik import policy
from nastavnik.pagecache import kept_page
from nastavnik.privacy.models import Consent
from nastavnik.privacy.selectors import consent_active
from nastavnik.surveys import selectors, services
from nastavnik.surveys.audience import PUPIL, audience_of
from nastavnik.surveys.forms import ResponseForm
from nastavnik.surveys.models import Invitation

THANKS_KEY = "surveys_thanks"


def _link_problem(request: HttpRequest, invitation: Invitation | None) -> HttpResponse | None:
    """The page for a link that cannot be filled (unknown, used or expired), or None when it can."""
    if invitation is None:
        title = _("Ссылка не найдена")
        text = _("Проверьте, что ссылка скопирована полностью. Если не получается, обратитесь к куратору программы.")
        status = 404
    elif invitation.is_used:
        title = _("Анкета уже заполнена")
        text = _("По этой ссылке анкету уже заполнили: ссылка одноразовая. Спасибо за ответы!")
        status = 410
    elif invitation.is_expired:
        title = _("Срок действия ссылки истёк")
        text = _("Попросите куратора программы прислать новую ссылку.")
        status = 410
    else:
        return None
    return render(request, "surveys/link_problem.html", {"title": title, "text": text}, status=status)


def _fill(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    version = invitation.version
    survey = version.survey
    organization = survey.organization or invitation.person.organization
    # cycle: options follow the person the answers are about; the greeting follows the one who reads it.
    audience = audience_of(category=invitation.about_person.category)
    form = ResponseForm(request.POST or None, version=version, audience=audience)
    if request.method == "POST" and form.is_valid():
        submitted_by = request.user if request.user.is_authenticated else None
        try:
            services.invitation_use(invitation=invitation, answers=form.answers(), submitted_by=submitted_by)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            request.session[THANKS_KEY] = {
                "title": survey.title,
                "organization": organization.short_name if organization else "",
            }
            return redirect("survey_thanks")
    context = {
        "invitation": invitation,
        "survey": survey,
        "organization": organization,
        "form": form,
        "has_consent": consent_active(person=invitation.about_person, purpose=Consent.Purpose.QUESTIONNAIRES),
        "consent_message": services.consent_missing_message(),
        "for_other": invitation.about is not None,
        "reader_is_pupil": audience_of(category=invitation.person.category) == PUPIL,
    }
    return render(request, "surveys/fill.html", context)


@policy.public
def public_fill(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_by_token(token=token)
    problem = _link_problem(request, invitation)
    return problem or _fill(request, invitation)


@policy.public
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/thanks.html", {"thanks": request.session.pop(THANKS_KEY, None)})


@login_required
@kept_page
def my_surveys(request: HttpRequest) -> HttpResponse:
    person = policy.own_person(request.user)
    context = {
        "invitations": list(selectors.invitations_open_for(person=person)) if person else [],
        "filled": list(person.survey_responses_given.select_related("version__survey").order_by("-submitted_at")[:20])
        if person
        else [],
    }
    return render(request, "surveys/my_surveys.html", context)


@login_required
def my_fill(request: HttpRequest, pk: int) -> HttpResponse:
    me = policy.own_person(request.user)
    if me is None:
        raise Http404(_("Страница не найдена"))
    invitation = get_object_or_404(
        Invitation.objects.select_related("version__survey__organization", "person__organization", "about"),
        pk=pk,
        person=me,
    )
    return _link_problem(request, invitation) or _fill(request, invitation)
