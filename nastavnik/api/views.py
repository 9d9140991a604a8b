"""The user's own page of personal API tokens: create (shown once) and revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nastavnik import policy
from nastavnik.api.forms import TokenForm
from nastavnik.api.models import ApiToken
from nastavnik.api.tokens import api_token_create, api_token_revoke


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    may_write = policy.may_write_through_api(request.user)
    form = TokenForm(request.POST or None, may_write=may_write)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, created = api_token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                may_write=may_write and form.cleaned_data.get("may_write", False),
            )
        except ValidationError as error:
            form.add_error("name", error)
        else:
            form = TokenForm(may_write=may_write)
    context = {
        "form": form,
        "created": created,
        "tokens": policy.scope_api_tokens(request.user, ApiToken.objects.all()),
    }
    return render(request, "api/tokens.html", context)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk)
    policy.require(request.user, policy.Action.API_TOKEN_MANAGE, token)
    api_token_revoke(token=token)
    messages.success(request, _("Токен отозван: с ним больше нельзя обратиться к API."))
    return redirect("api_tokens")
