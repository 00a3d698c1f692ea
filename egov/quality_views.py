"""The staff page of the website quality check (/quan-tri/chat-luong-website/)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.decorators import staff_permission_required
from portal.models import JobStatus

from . import quality
from .models import QualityProblem, QualityRun

TREND_RUNS = 12


@require_http_methods(["GET", "POST"])
@staff_permission_required("egov.view_qualityrun")
def quality_report(request):
    may_run = request.user.has_perm("egov.add_qualityrun")
    if request.method == "POST":
        if not may_run:
            raise PermissionDenied
        quality.start_run(user=request.user)
        messages.success(request, _("The check has started; its results show here when it ends."))
        return redirect("egov:quality_report")
    runs = list(QualityRun.objects.all()[:TREND_RUNS])
    latest = next((run for run in runs if run.status == JobStatus.DONE), None)
    problems = {}
    if latest is not None:
        for problem in latest.problems.all():
            problems.setdefault(problem.kind, []).append(problem)
    groups = [(kind, label, problems.get(kind, [])) for kind, label in QualityProblem.Kind.choices]
    return render(
        request,
        "egov/quality_report.html",
        {
            "runs": runs,
            "latest": latest,
            "groups": groups,
            "may_run": may_run,
            "pending": any(run.status in (JobStatus.QUEUED, JobStatus.RUNNING) for run in runs),
        },
    )
