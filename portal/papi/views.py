"""Staff pages of the PAPI plan tracker and leadership's quarterly reports.

Every view checks a permission: the plan's tasks for staff (object-level for progress updates),
reports only for leadership and administrators. Files are streamed as attachments."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.charts import line_chart
from portal.decorators import staff_permission_required
from portal.indicators import registry
from portal.models import Dimension
from portal.periods import Quarter

from . import actions, reports, selectors
from .forms import (
    IndicatorTargetForm,
    PlanTaskForm,
    PlanYearForm,
    RecomputeForm,
    ReportRequestForm,
    TaskFilterForm,
    TaskUpdateForm,
)
from .models import ActionPlan, IndicatorSnapshot, PlanTask, ReportJob, sees_every_task
from .models import TaskUpdate as TaskUpdateModel

# The first year PAPI measured (2011): earlier quarters, like those after next year, are no page.
FIRST_REPORT_YEAR = 2011


def _crumbs(*items):
    """Breadcrumbs of the staff area: the dashboard first, then (label, url or None)."""
    return [(_("Staff dashboard"), reverse("portal:dashboard")), *items]


def _plan_crumbs(*items):
    return _crumbs((_("PAPI plan"), reverse("papi:plan_overview")), *items)


def _report_crumbs(*items):
    return _crumbs((_("Quarterly PAPI reports"), reverse("papi:report_list")), *items)


def _plan_year(request):
    years = list(ActionPlan.objects.values_list("year", flat=True))
    return PlanYearForm(request.GET, years=years).year(), years


# --- Plan: overview, tasks, progress updates --------------------------------------------------


@never_cache
@staff_permission_required("papi.view_plantask")
def plan_overview(request):
    year, years = _plan_year(request)
    plan = ActionPlan.objects.filter(year=year).first()
    tasks = selectors.plan_tasks(year=year).of_units_of(request.user)
    states = selectors.task_states(tasks) if plan else []
    return render(
        request,
        "papi/plan_overview.html",
        {
            "plan": plan,
            # A choice of year only once there is more than one plan.
            "year_form": len(years) > 1 and PlanYearForm(initial={"nam": year}, years=years),
            "overview": selectors.dimension_overview(states),
            "overdue": selectors.overdue(states),
            "status_columns": selectors.STATUS_COLUMNS,
            "total": len(states),
            "own_units_only": not sees_every_task(request.user),
            "crumbs": _crumbs((_("PAPI plan"), None)),
        },
    )


@never_cache
@staff_permission_required("papi.view_plantask")
def plan_task_list(request):
    year, _years = _plan_year(request)
    tasks = selectors.plan_tasks(year=year).of_units_of(request.user)
    form = TaskFilterForm(request.GET, year=year, dimensions=Dimension.objects.all())
    filters = form.filters()
    if filters["dimension"]:
        tasks = tasks.filter(dimension__code=filters["dimension"])
    if filters["area"]:
        tasks = tasks.filter(area=filters["area"])
    if filters["status"] in PlanTask.Status.values:
        tasks = tasks.filter(status=filters["status"])
    if filters["mine"]:
        tasks = tasks.filter(pk__in=PlanTask.objects.editable_by(request.user).values("pk"))
    states = selectors.task_states(tasks)
    if filters["status"] == "late":
        states = [s for s in states if s.is_late]
    return render(
        request,
        "papi/task_list.html",
        {
            "year": year,
            "states": states,
            "form": form,
            "own_units_only": not sees_every_task(request.user),
            "crumbs": _plan_crumbs((_("Plan tasks"), None)),
        },
    )


def _task_page(request, task, form=None, status=200):
    state = selectors.task_states([task])[0]
    can_update = request.user.has_perm("papi.add_taskupdate") and (
        PlanTask.objects.editable_by(request.user).filter(pk=task.pk).exists()
    )
    return render(
        request,
        "papi/task_detail.html",
        {
            "task": task,
            "state": state,
            "updates": list(task.updates.all()),
            "form": form or (TaskUpdateForm(task=task) if can_update else None),
            "can_update": can_update,
            "can_edit": request.user.has_perm("papi.change_plantask"),
            "crumbs": _plan_crumbs(
                (_("Plan tasks"), reverse("papi:plan_task_list")), (task.title[:60], None)
            ),
        },
        status=status,
    )


def _get_task(request, pk):
    """The task, if it is of the user's units: another unit's task is a 404, as if absent."""
    return get_object_or_404(selectors.plan_tasks().of_units_of(request.user), pk=pk)


@never_cache
@staff_permission_required("papi.view_plantask")
def plan_task_detail(request, pk):
    return _task_page(request, _get_task(request, pk))


@require_POST
@staff_permission_required("papi.view_plantask", "papi.add_taskupdate")
def task_update_create(request, pk):
    task = _get_task(request, pk)
    if not PlanTask.objects.editable_by(request.user).filter(pk=task.pk).exists():
        raise PermissionDenied
    form = TaskUpdateForm(request.POST, request.FILES, task=task)
    if not form.is_valid():
        return _task_page(request, task, form=form, status=400)
    actions.task_update_add(task=task, user=request.user, **form.cleaned_data)
    messages.success(request, _("The progress update was recorded."))
    return redirect(task.get_absolute_url())


@never_cache
@staff_permission_required("papi.view_plantask", "papi.change_plantask")
def plan_task_edit(request, pk):
    task = _get_task(request, pk)
    form = PlanTaskForm(request.POST or None, instance=PlanTask.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        actions.plan_task_edit(task=task, user=request.user, **fields)
        messages.success(request, _("The task was saved."))
        return redirect(task.get_absolute_url())
    return render(
        request,
        "papi/task_edit.html",
        {
            "task": task,
            "form": form,
            "crumbs": _plan_crumbs(
                (_("Plan tasks"), reverse("papi:plan_task_list")),
                (task.title[:60], task.get_absolute_url()),
                (_("Change"), None),
            ),
        },
        status=400 if form.is_bound else 200,
    )


@staff_permission_required("papi.view_plantask")
def evidence_download(request, pk):
    # Evidence belongs to its task's unit: another unit's officer gets a 404, not the file.
    updates = TaskUpdateModel.objects.filter(task__in=PlanTask.objects.of_units_of(request.user))
    update = get_object_or_404(updates, pk=pk)
    if not update.evidence_file:
        raise Http404
    return FileResponse(
        update.evidence_file.open("rb"),
        as_attachment=True,
        filename=update.evidence_file.name.rsplit("/", 1)[-1],
    )


# --- Indicators -------------------------------------------------------------------------------


@never_cache
@staff_permission_required("papi.view_indicatorsnapshot")
def indicator_list(request):
    year, _years = _plan_year(request)
    year = year or timezone.localdate().year
    quarters = [Quarter(year, n) for n in range(1, 5)]
    return render(
        request,
        "papi/indicator_list.html",
        {
            "year": year,
            "quarters": quarters,
            "rows": selectors.indicator_table(quarters),
            "crumbs": _plan_crumbs((_("Indicators"), None)),
        },
    )


@never_cache
@staff_permission_required("papi.view_indicatorsnapshot")
def indicator_detail(request, code):
    try:
        indicator = registry.get(code)
    except KeyError:
        raise Http404 from None
    quarters = selectors.indicator_quarters(code)
    snapshots = selectors.current_snapshots(quarters, codes=[code])
    rows = [(q, snapshots.get((code, str(q)))) for q in quarters]
    points = [(q.label, s.value) for q, s in rows if s and s.value is not None]
    chart = (
        line_chart([(str(indicator.label), points)], title=f"{indicator.code}. {indicator.label}")
        if points
        else None
    )
    target_form = IndicatorTargetForm(
        request.POST if request.POST.get("form") == "target" else None,
        initial={"year": quarters[-1].year},
        prefix="target",
    )
    recompute_form = RecomputeForm(
        request.POST if request.POST.get("form") == "recompute" else None, prefix="recompute"
    )
    status = 200
    if request.method == "POST":
        if request.POST.get("form") == "target":
            if not request.user.has_perm("papi.add_indicatortarget"):
                raise PermissionDenied
            if target_form.is_valid():
                actions.indicator_target_set(
                    code=code, user=request.user, **target_form.cleaned_data
                )
                messages.success(request, _("The target was saved."))
                return redirect("papi:indicator_detail", code=code)
        elif request.POST.get("form") == "recompute":
            if not request.user.has_perm("papi.add_indicatorsnapshot"):
                raise PermissionDenied
            if recompute_form.is_valid():
                actions.indicator_snapshots_compute(
                    quarter=Quarter.parse(recompute_form.cleaned_data["quarter"]),
                    codes=[code],
                    user=request.user,
                    trigger=IndicatorSnapshot.Trigger.RECOMPUTATION,
                    reason=recompute_form.cleaned_data["reason"],
                )
                messages.success(request, _("The indicator was recomputed."))
                return redirect("papi:indicator_detail", code=code)
        status = 400
    targets = selectors.targets_for_year(quarters[-1].year)
    return render(
        request,
        "papi/indicator_detail.html",
        {
            "indicator": indicator,
            "rows": rows,
            "chart": chart,
            "target": selectors.target_of(indicator, quarters[-1].year, targets),
            "target_year": quarters[-1].year,
            "history": selectors.snapshot_history(code)[:50],
            "target_form": target_form,
            "recompute_form": recompute_form,
            "can_set_target": request.user.has_perm("papi.add_indicatortarget"),
            "can_recompute": request.user.has_perm("papi.add_indicatorsnapshot"),
            "crumbs": _plan_crumbs(
                (_("Indicators"), reverse("papi:indicator_list")), (indicator.code, None)
            ),
        },
        status=status,
    )


# --- Reports (leadership only) ----------------------------------------------------------------


@never_cache
@staff_permission_required("papi.view_reportjob")
def report_list(request):
    form = ReportRequestForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("papi.add_reportjob"):
            raise PermissionDenied
        if form.is_valid():
            job = actions.report_request(
                quarter=Quarter.parse(form.cleaned_data["quarter"]), user=request.user
            )
            return redirect(job.get_absolute_url())
    return render(
        request,
        "papi/report_list.html",
        {
            "form": form,
            "jobs": selectors.report_archive(),
            "crumbs": _crumbs((_("Quarterly PAPI reports"), None)),
        },
        status=400 if form.is_bound else 200,
    )


def _job(pk):
    return get_object_or_404(ReportJob.objects.select_related("requested_by"), pk=pk)


@never_cache
@staff_permission_required("papi.view_reportjob")
def report_detail(request, pk):
    job = _job(pk)
    template = "papi/_report_progress.html" if request.htmx else "papi/report_detail.html"
    return render(request, template, {"job": job, "crumbs": _report_crumbs((str(job), None))})


@never_cache
@staff_permission_required("papi.view_reportjob")
def report_download(request, pk):
    job = _job(pk)
    if job.status != ReportJob.Status.DONE or not job.file:
        raise Http404
    response = FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.filename,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@staff_permission_required("papi.view_reportjob")
def report_preview(request, quarter):
    try:
        quarter = Quarter.parse(quarter)
    except ValueError:
        raise Http404 from None
    if not FIRST_REPORT_YEAR <= quarter.year <= timezone.localdate().year + 1:
        raise Http404
    # The figures the PDF would show; a GET stores none of them (the report's run does).
    context = reports.build_context(quarter, measure_missing=True)
    context["preview"] = True
    context["crumbs"] = _report_crumbs(
        (_("Preview %(quarter)s") % {"quarter": quarter.label}, None)
    )
    return render(request, "papi/report_preview.html", context)
