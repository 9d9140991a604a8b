from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from nastavnik import policy
from nastavnik.programs import selectors
from nastavnik.programs.models import Program, Stage


@login_required
def program_list(request: HttpRequest) -> HttpResponse:
    return render(request, "programs/program_list.html", {"programs": selectors.program_list(user=request.user)})


@login_required
def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(Program.objects.select_related("organization", "form"), pk=pk)
    policy.require(request.user, policy.Action.PROGRAM_VIEW, program)
    roadmaps = [
        {
            "roadmap": r,
            "stages": selectors.roadmap_by_stage(roadmap=r),
            "progress": selectors.roadmap_progress(roadmap=r),
        }
        for r in program.roadmaps.all()
    ]
    stages = [code for code, _ in Stage.choices]
    context = {
        "program": program,
        "roadmaps": roadmaps,
        "stage_index": stages.index(program.stage),
        "stages": Stage.choices,
        "role_models": program.role_models.all(),
        "curators": program.curators.all(),
        "can_manage": policy.can(request.user, policy.Action.PROGRAM_MANAGE, program),
        "pair_count": program.mentorships.count(),
    }
    return render(request, "programs/program_detail.html", context)
