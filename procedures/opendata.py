"""The procedures app's open data: the dossier statistics by quarter and field
(`thu-tuc-thong-ke.csv`, `.json`), written by portal.opendata's task."""

from django.utils.translation import gettext_lazy as _

from portal.opendata import Dataset, register

from . import selectors

STATISTICS_COLUMNS = [
    ("quarter", _("Quarter, for example 2026-Q1")),
    ("field", _("Field of the procedures")),
    ("received", _("Dossiers received")),
    ("early", _("Finished before the appointment date")),
    ("on_time", _("Finished on the appointment date")),
    ("late", _("Finished after the appointment date")),
    ("online", _("Dossiers submitted online")),
    (
        "satisfaction",
        _("Average satisfaction as a percentage of the highest score; empty when none rated"),
    ),
]

STATISTICS = register(
    Dataset(
        name="thu-tuc-thong-ke",
        app_label="procedures",
        title=_("Administrative procedure dossiers by quarter and field"),
        columns=STATISTICS_COLUMNS,
        rows=selectors.open_data_rows,
        items_key="rows",
    )
)
