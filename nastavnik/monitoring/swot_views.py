"""Monitoring pages of stage 1 and the documents: the programme's SWOT (questionnaires, proposal, approval, history,
DOCX) and the quarterly and final reports (DOCX, PDF)."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from nastavnik import policy
from nastavnik.documents.rendering import PdfError, docx_to_pdf
from nastavnik.monitoring import quality, reports, swot, swot_selectors, swot_services
from nastavnik.monitoring.models import SwotAnalysis
from nastavnik.monitoring.swot_forms import SwotForm
from nastavnik.monitoring.views import _program
from nastavnik.privacy.services import access_log_record_many

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _initial(proposal: swot_selectors.Proposal, current: SwotAnalysis | None, *, fresh: bool) -> dict[str, str]:
    """The form starts from the approved SWOT when there is one (unless the curator asks for the proposal again)."""
    if current is not None and not fresh:
        return {q: "\n".join(getattr(current, q)) for q in swot.QUADRANTS}
    return {q: "\n".join(lines) for q, lines in proposal.lines.items()}


@login_required
def swot_page(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    may_manage = policy.can(request.user, policy.Action.MONITORING_MANAGE, program)
    proposal = swot_selectors.proposal(program=program)
    current = swot_selectors.latest(program=program)
    form = SwotForm(request.POST or None, initial=_initial(proposal, current, fresh="proposal" in request.GET))
    if request.method == "POST":
        policy.require(request.user, policy.Action.MONITORING_MANAGE, program)
        if form.is_valid():
            try:
                swot_services.swot_approve(
                    program=program, approved_by=request.user, basis=proposal.basis(), **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("SWOT-анализ утверждён и сохранён в истории программы."))
                return redirect("monitoring_swot", program.pk)
    counts = swot_selectors.invitations_count(program=program)
    context = {
        "program": program,
        "may_manage": may_manage,
        "form": form,
        "proposal": [(swot_selectors.QUADRANT_TITLES[q], proposal.lines[q]) for q in swot.QUADRANTS],
        "current": current,
        "current_quadrants": [(swot_selectors.QUADRANT_TITLES[q], getattr(current, q)) for q in swot.QUADRANTS]
        if current
        else [],
        "history": swot_selectors.history(program=program),
        "items": swot_selectors.item_table(proposal.stats),
        "open_answers": swot_selectors.open_answers(program=program),
        "questionnaires": [
            (_("Участники (наставники и наставляемые)"), counts[quality.PARTICIPANT_SURVEY]),
            (_("Куратор"), counts[quality.CURATOR_SURVEY]),
        ],
        "thresholds": {"strong": swot.number(swot.STRONG), "weak": swot.number(swot.WEAK), "n": swot.MIN_ANSWERS},
    }
    return render(request, "monitoring/swot.html", context)


@login_required
@require_POST
def swot_send(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the programme-quality questionnaires by personal links (also listed in «Мои анкеты»)."""
    program = _program(request, pk, policy.Action.MONITORING_MANAGE)
    result = swot_services.quality_invitations_send(
        program=program,
        sender=policy.own_person(request.user),
        created_by=request.user,
        link_for=lambda inv: request.build_absolute_uri(reverse("survey_public", args=[inv.token])),
    )
    messages.success(
        request,
        ngettext("Отправлена %(n)d анкета.", "Отправлено анкет: %(n)d.", result.sent) % {"n": result.sent},
    )
    if result.already:
        messages.info(request, _("Уже получили анкету раньше: %(n)d.") % {"n": result.already})
    for person, reason in result.refused:
        messages.warning(
            request, _("%(person)s: анкета не отправлена. %(reason)s") % {"person": person.full_name, "reason": reason}
        )
    return redirect("monitoring_swot", program.pk)


@login_required
def swot_docx(request: HttpRequest, pk: int) -> HttpResponse:
    analysis = get_object_or_404(SwotAnalysis.objects.select_related("program__organization"), pk=pk)
    policy.require(request.user, policy.Action.MONITORING_VIEW, analysis.program)
    return FileResponse(
        io.BytesIO(reports.swot_docx(analysis=analysis)),
        as_attachment=True,
        filename=reports.swot_filename(analysis=analysis),
        content_type=DOCX_TYPE,
    )


@login_required
def report(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    """The quarterly control report or the final analytical report; it names the pairs, so the download is logged
    as a read of their data."""
    program = _program(request, pk)
    if kind not in reports.KINDS or fmt not in ("docx", "pdf"):
        raise Http404(_("Страница не найдена"))
    data = reports.report_data(program=program, kind=kind)
    access_log_record_many(request=request, people=reports.report_people(data), action="monitoring.report")
    docx = reports.report_docx(data=data)
    if fmt == "docx":
        return FileResponse(
            io.BytesIO(docx), as_attachment=True, filename=reports.report_filename(data=data), content_type=DOCX_TYPE
        )
    try:
        pdf = docx_to_pdf(docx=docx)
    except PdfError as error:
        messages.error(request, str(error))
        return redirect("monitoring_program", program.pk)
    return FileResponse(
        io.BytesIO(pdf),
        as_attachment=True,
        filename=reports.report_filename(data=data, ext="pdf"),
        content_type="application/pdf",
    )
