"""«Which matching worked» pages: a programme's and an organisation's comparison of the ways pairs were formed, and
the programme's Mentor Match weights adjusted from it. Only counts and shares are shown: no names, nothing to log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nastavnik import policy
from nastavnik.matching import services as matching_services
from nastavnik.matching.scoring import CRITERIA, CRITERION_LABELS
from nastavnik.monitoring import outcomes, strategies
from nastavnik.monitoring.forms import WeightsForm
from nastavnik.orgs.models import Organization
from nastavnik.programs.models import Program


def _num(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}".replace(".", ",").replace("-", "−")


def estimate_text(estimate: strategies.Estimate, *, percent: bool = False, signed: bool = False) -> str:
    """«25 % (от 12 до 45 %)», «7,4 (от 6,9 до 7,9)» or «мало данных (n = 3)»: never a bare figure on few pairs."""
    if estimate.value is None:
        return "—"
    if estimate.few:
        return _("мало данных (n = %(n)d)") % {"n": estimate.n}
    scale = 100 if percent else 1
    digits = 0 if percent else (2 if signed else 1)
    value = _num(estimate.value * scale, digits)
    if signed and estimate.value > 0:
        value = "+" + value
    unit = " %" if percent else ""
    if estimate.low is None:
        return f"{value}{unit}"
    return _("%(value)s (от %(low)s до %(high)s)") % {
        "value": f"{value}{unit}",
        "low": _num(estimate.low * scale, digits),
        "high": f"{_num(estimate.high * scale, digits)}{unit}",
    }


def _rate_text(row: dict) -> str:
    """«3 из 12: 25 % (от 9 до 53 %)» — the counts always, the share only when there are enough pairs."""
    if not row["closed"]:
        return "—"
    estimate = row["premature_rate"]
    share = _("мало данных") if estimate.few else estimate_text(estimate, percent=True)
    counts = {"early": row["premature"], "closed": row["closed"], "share": share}
    return _("%(early)d из %(closed)d: %(share)s") % counts


def _tables(data: dict) -> list[dict]:
    return [
        {
            **table,
            "rows": [
                {
                    **row,
                    "rate_text": _rate_text(row),
                    "rating_text": estimate_text(row["rating"]),
                    "change_text": estimate_text(row["change"], signed=True),
                }
                for row in table["rows"]
            ],
        }
        for table in data["tables"]
    ]


def _weights_rows(proposal: strategies.WeightProposal | None) -> list[dict]:
    if proposal is None:
        return []
    return [
        {
            "label": _(CRITERION_LABELS[name]),
            "current": proposal.current.get(name),
            "proposed": (proposal.proposed or {}).get(name),
            "correlation": proposal.correlations.get(name),
        }
        for name in CRITERIA
    ]


@login_required
def program_strategies(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(Program.objects.select_related("organization"), pk=pk)
    policy.require(request.user, policy.Action.MONITORING_VIEW, program)
    data = outcomes.matching_outcomes(program=program)
    may_adjust = policy.can(request.user, policy.Action.ORG_MANAGE_MATCHING, program.organization)
    proposal: strategies.WeightProposal = data["weights"]
    preview = None
    if "preview" in request.GET:
        form = WeightsForm(request.GET)
        if form.is_valid():
            preview = outcomes.weights_preview(program=program, weights=form.weights())
    else:
        form = WeightsForm(initial=proposal.proposed or proposal.current)
    return render(
        request,
        "monitoring/strategies.html",
        {
            "program": program,
            "organization": program.organization,
            "data": data,
            "tables": _tables(data),
            "proposal": proposal,
            "weights_rows": _weights_rows(proposal),
            "preview": preview,
            "preview_rows": _weights_rows(preview),
            "form": form,
            "may_adjust": may_adjust,
        },
    )


@login_required
def organization_strategies(request: HttpRequest, pk: int) -> HttpResponse:
    organization = get_object_or_404(Organization, pk=pk)
    policy.require(request.user, policy.Action.MONITORING_VIEW, organization)
    data = outcomes.organization_matching_outcomes(organization=organization)
    return render(
        request,
        "monitoring/strategies.html",
        {"program": None, "organization": organization, "data": data, "tables": _tables(data), "weights_rows": []},
    )


@login_required
@require_POST
def weights_apply(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(Program.objects.select_related("organization"), pk=pk)
    policy.require(request.user, policy.Action.MONITORING_VIEW, program)
    policy.require(request.user, policy.Action.ORG_MANAGE_MATCHING, program.organization)
    form = WeightsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Веса не изменены: каждый вес — число от 0 до 10 с шагом 0,5."))
        return redirect("monitoring_strategies", program.pk)
    try:
        matching_services.program_weights_set(program=program, weights=form.weights())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("monitoring_strategies", program.pk)
    messages.success(
        request, _("Веса критериев подбора изменены: новые предложения Mentor Match программы будут считаться по ним.")
    )
    return redirect("monitoring_strategies", program.pk)
