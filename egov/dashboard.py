"""The staff dashboard's links and warnings of the website quality check (collected by
portal.views.dashboard_links and dashboard_warnings)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.models import JobStatus

from .models import QualityRun


def quality_link(user) -> list[tuple[str, str]]:
    if not user.has_perm("egov.view_qualityrun"):
        return []
    return [(_("Website quality"), reverse("egov:quality_report"))]


def quality_warning(user) -> list[str]:
    """Editors are told when the last finished check found broken links or missing files."""
    if not user.has_perm("egov.add_qualityrun"):
        return []
    run = QualityRun.objects.filter(status=JobStatus.DONE).first()
    if run is None or not (run.broken_links or run.missing_files):
        return []
    return [
        _(
            "The last website check found %(links)s broken links and %(files)s missing files: "
            "see Website quality."
        )
        % {"links": run.broken_links, "files": run.missing_files}
    ]


LINKS = [quality_link]
WARNINGS = [quality_warning]
