from datetime import timedelta

import icalendar
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from portal.caching import cache_anonymous, content_version
from portal.charts import line_chart
from portal.decorators import staff_permission_required
from portal.pagination import CappedPaginator, UncountedPaginator, page_links
from portal.paths import path_pattern
from portal.results import ResultItem
from portal.templatetags.portal_tags import datetime_attr

from . import actions, selectors
from .forms import OutageFinderForm, ProblemLookupForm, ProblemReportForm, ProjectFilterForm
from .models import ServiceFigure, SupplyProblem, Ward

NAMESPACE = "services"
OUTAGES_PAGE_SIZE = 30


def _outage_rows(outages) -> list[str]:
    """The finder's rows as HTML, drawn here with every text escaped: a template loop of a
    dozen lookups and date filters per row was most of the page's time, and Django's date
    formatting most of what was left (the weekday is the translated name `|date:"l"` gives)."""
    cancelled = f' <strong class="govuk-tag govuk-tag--grey">{escape(_("Cancelled"))}</strong>'
    reason, reference = escape(_("Reason:")), escape(_("Reference:"))
    weekdays = [str(WEEKDAYS[day]) for day in range(7)]
    rows = []
    for outage in outages:
        starts = timezone.localtime(outage.starts_at)
        ends = timezone.localtime(outage.ends_at)
        place = f"{outage.ward_names}: {outage.area}" if outage.area else outage.ward_names
        until = f"{ends:%H:%M}" if starts.date() == ends.date() else f"{ends:%d/%m/%Y %H:%M}"
        rows.append(
            mark_safe(  # noqa: S308 - every text is escaped
                f'<li id="cat-dien-{outage.pk}" class="govuk-!-margin-bottom-6">\n'
                '    <h3 class="govuk-heading-s govuk-!-margin-bottom-1">'
                f'<time datetime="{datetime_attr(starts)}">'
                f"{weekdays[starts.weekday()]} {starts:%d/%m/%Y, %H:%M}</time> – "
                f'<time datetime="{datetime_attr(ends)}">{until}</time>'
                f"{cancelled if outage.is_cancelled else ''}</h3>\n"
                f'    <p class="govuk-body govuk-!-margin-bottom-1">{escape(place)}</p>\n'
                '    <p class="govuk-body-s govuk-!-margin-bottom-0">'
                f"{reason} {escape(outage.reason)} · {reference} {escape(outage.reference)}</p>\n"
                "  </li>\n"
            )
        )
    return rows


@cache_anonymous(NAMESPACE)
def outage_list(request):
    """The outage finder: a ward typed as people write it and a range of days, in one step.
    `?phuong=<slug>` (the link of a ward) stands for the ward's name."""
    query = request.GET.copy()
    slug = query.pop("phuong", [""])[0]
    if slug and not query.get("ward"):
        ward = Ward.objects.filter(slug=slug).first()
        if ward:
            query["ward"] = ward.name
    form = OutageFinderForm(query)
    page, wards, pagination = None, None, None
    if form.is_valid():
        data = form.cleaned_data
        wards = data["wards"]
        longest = selectors.longest_outage(content_version(NAMESPACE))
        outages = selectors.outages_between(data["start"], data["end"], wards, longest=longest)
        page = UncountedPaginator(outages, OUTAGES_PAGE_SIZE).get_page(request.GET.get("page"))
        query.pop("page", None)
        pagination = page_links(page, query.urlencode())
    return render(
        request,
        "services/outage_list.html",
        {
            "form": form,
            "outages": _outage_rows(page.object_list) if page else [],
            "page": page,
            "pagination": pagination,
            "wards": wards,
        },
    )


@cache_anonymous(NAMESPACE)
def outage_ical(request, slug):
    """The planned outages of one ward as an iCal feed, to follow on a phone's calendar."""
    ward = get_object_or_404(Ward, slug=slug)
    feed = icalendar.Calendar()
    feed.add("prodid", "-//So Cong Thuong//Lich cat dien//VI")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", _("Planned power outages – %(ward)s") % {"ward": ward.name})
    feed.add("x-wr-timezone", settings.TIME_ZONE)
    host = settings.SITE_URL.split("://")[-1].split("/")[0]
    site = settings.SITE_URL.rstrip("/")
    for outage in selectors.outages_of_ward(ward):
        event = icalendar.Event()
        event.add("uid", f"cat-dien-{outage.pk}@{host}")
        event.add("dtstamp", outage.announced_at)
        event.add("dtstart", timezone.localtime(outage.starts_at))
        event.add("dtend", timezone.localtime(outage.ends_at))
        event.add("summary", _("Power outage: %(reason)s") % {"reason": outage.reason})
        event.add("location", ", ".join(filter(None, [outage.area, ward.name])))
        event.add(
            "description",
            _("Power company's reference: %(reference)s") % {"reference": outage.reference},
        )
        event.add("status", "CANCELLED" if outage.is_cancelled else "CONFIRMED")
        event.add("url", site + outage.get_absolute_url())
        feed.add_component(event)
    response = HttpResponse(feed.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="cat-dien-{ward.slug}.ics"'
    return response


@ratelimit(key="ip", rate="10/h", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def problem_report(request):
    form = ProblemReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_bot():
            return render(request, "services/problem_report_received.html")
        if form.is_valid():
            data = form.cleaned_data
            problem = actions.problem_report(
                kind=data["kind"],
                ward=data["ward"],
                address=data["address"],
                description=data["description"],
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                photo=data["photo"],
            )
            return redirect(f"{reverse('services:problem_status', args=[problem.code])}?moi=1")
    return render(request, "services/problem_report.html", {"form": form})


@ratelimit(key="ip", rate="60/h", block=True)
def problem_lookup(request):
    """Find a report by its tracking code."""
    form = ProblemLookupForm(request.GET or None)
    if form.is_valid():
        problem = selectors.problem_by_code(form.cleaned_data["code"])
        if problem:
            return redirect("services:problem_status", code=problem.code)
        form.add_error("code", _("No report has this tracking code: check it and try again"))
    return render(request, "services/problem_lookup.html", {"form": form})


@ratelimit(key="ip", rate="60/h", block=True)
def problem_status(request, code):
    problem = selectors.problem_by_code(code)
    if problem is None:
        raise Http404
    return render(
        request,
        "services/problem_status.html",
        {"problem": problem, "new": request.GET.get("moi") == "1"},
    )


@cache_anonymous(NAMESPACE)
def problem_stats(request):
    return render(
        request,
        "services/problem_stats.html",
        {"rows": selectors.problem_counts_by_ward_and_month()},
    )


@staff_permission_required("services.view_supplyproblem")
def problem_photo(request, pk):
    """The photo of a report, to staff of the unit in charge (and leadership)."""
    problem = get_object_or_404(SupplyProblem.objects.of_units_of(request.user), pk=pk)
    if not problem.photo:
        raise Http404
    return FileResponse(problem.photo.open("rb"), filename=problem.photo.name.rsplit("/", 1)[-1])


PROJECTS_PAGE_SIZE = 20
STATUS_TAGS = {
    "planned": "govuk-tag--grey",
    "under_way": "govuk-tag--blue",
    "completed": "govuk-tag--green",
    "suspended": "govuk-tag--red",
}


def _project_items(projects) -> list[ResultItem]:
    url = path_pattern("services:project_detail")
    ward_names = selectors.project_ward_names([project.pk for project in projects])
    items = []
    for project in projects:
        items.append(
            ResultItem(
                url=url % project.slug,
                title=project.name,
                summary=project.summary,
                context=_("Plan year %(year)s · %(progress)s%% done")
                % {"year": project.year, "progress": project.progress},
                origin=ward_names.get(project.pk, ""),
                tag=project.get_status_display(),
                tag_class=STATUS_TAGS.get(project.status, ""),
            )
        )
    return items


@cache_anonymous(NAMESPACE)
def project_list(request):
    wards, years = selectors.project_filter_choices(content_version(NAMESPACE))
    form = ProjectFilterForm(request.GET or None, wards=wards, years=years)
    filters = form.cleaned_data if form.is_valid() else {}
    projects = selectors.project_list(
        ward=filters.get("phuong", ""),
        status=filters.get("trang_thai", ""),
        year=filters.get("nam"),
    )
    page = CappedPaginator(projects, PROJECTS_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "services/project_list.html",
        {
            "form": form,
            "page": page,
            "items": _project_items(page.object_list),
            "pagination": page_links(page, query.urlencode()),
        },
    )


@cache_anonymous(NAMESPACE)
def project_detail(request, slug):
    project = get_object_or_404(selectors.public_projects(), slug=slug)
    return render(
        request,
        "services/project_detail.html",
        {
            "project": project,
            "wards": project.wards.order_by("name"),
            "milestones": list(project.milestones.all()),
            "updates": list(project.updates.all()),
        },
    )


class ProjectFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Electricity grid projects")

    def link(self):
        return reverse("services:project_list")

    def subtitle(self):
        return _("Grid projects the department follows: new projects and their progress.")

    def items(self):
        return selectors.feed_projects()

    def item_title(self, item):
        return item.name

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


project_feed = cache_anonymous(NAMESPACE)(ProjectFeed())


FIGURE_MONTHS = 24


@cache_anonymous(NAMESPACE)
def figures(request):
    """The service figures of the last two years: a chart per figure, each with its table."""
    since = timezone.localdate() - timedelta(days=31 * FIGURE_MONTHS)
    series = selectors.figure_series(since=since)
    sources = selectors.figure_sources()
    sections = []
    for kind, label in ServiceFigure.Kind.choices:
        points = series.get(kind)
        if not points:
            continue
        sections.append(
            {
                "kind": kind,
                "label": label,
                "svg": line_chart(
                    [(str(label), points)],
                    title=str(label),
                    label=lambda day: day.strftime("%m/%Y"),
                    y_range=(0, 100) if kind == ServiceFigure.Kind.ELECTRIFICATION else None,
                    height=240,
                ),
                "rows": points,
                "sources": sources.get(kind, []),
            }
        )
    return render(
        request,
        "services/figures.html",
        {
            "sections": sections,
            "by_ward": selectors.latest_by_ward(ServiceFigure.Kind.ELECTRIFICATION),
        },
    )
