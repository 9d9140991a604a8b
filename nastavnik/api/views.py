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


@policy.public
def docs(request: HttpRequest) -> HttpResponse:
    """The API's documentation read from its own OpenAPI schema: a plain, accessible page that works offline and
    under the Content-Security-Policy (Swagger UI fails WCAG contrast and nests interactive controls)."""
    from nastavnik.api.v1 import api

    schema = api.get_openapi_schema()
    operations = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            parameters = [
                {"name": p["name"], "where": p["in"], "required": p.get("required", False),
                 "description": p.get("description") or p.get("schema", {}).get("title", "")}
                for p in operation.get("parameters", [])
            ]
            operations.append({"method": method.upper(), "path": path, "summary": operation.get("summary", ""),
                               "description": operation.get("description", ""), "parameters": parameters,
                               "responses": sorted(operation.get("responses", {}))})
    context = {"info": schema["info"], "operations": operations}
    return render(request, "api/docs.html", context)


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
