import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.caching import cache_anonymous

from . import selectors
from .forms import OutageFinderForm
from .models import Ward

NAMESPACE = "services"


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
    outages, wards = [], None
    if form.is_valid():
        data = form.cleaned_data
        wards = data["wards"]
        outages = list(selectors.outages_between(data["start"], data["end"], wards))
    return render(
        request,
        "services/outage_list.html",
        {
            "form": form,
            "outages": outages,
            "wards": wards,
            "all_wards": selectors.wards(),
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
