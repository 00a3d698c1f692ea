"""The services app's open data: the published grid projects (`cong-trinh-dien.csv`, `.json`),
written by portal.opendata's task from `selectors.open_data_rows`."""

from django.utils.translation import gettext_lazy as _

from portal.opendata import Dataset, register

from . import selectors

PROJECT_COLUMNS = [
    ("id", _("Stable identifier of the project on this portal")),
    ("name", _("Name of the project")),
    ("wards", _("Wards and communes served (2025 units), separated by a semicolon")),
    ("old_area_names", _("Area as named before the 2025 reform")),
    ("voltage", _("Voltage level: 110kv, 35kv, 22kv or 0.4kv")),
    ("medium_voltage_km", _("Medium-voltage line, km")),
    ("low_voltage_km", _("Low-voltage line, km")),
    ("substations", _("Number of substations")),
    ("substation_kva", _("Total substation capacity, kVA")),
    ("investor", _("Investor")),
    ("budget_million_vnd", _("Budget, million VND")),
    ("funding_source", _("Source of funds")),
    ("year", _("Plan year")),
    ("status", _("planned, under_way, completed or suspended")),
    ("progress", _("Progress, percent")),
    ("planned_start", _("Planned date of the first milestone, ISO 8601")),
    ("planned_completion", _("Planned date of the last milestone, ISO 8601")),
    ("actual_completion", _("Actual date of the last milestone, ISO 8601, empty until reached")),
    ("updated_at", _("Date and time of the last update, ISO 8601")),
    ("url", _("Address of the project's page")),
]

PROJECTS = register(
    Dataset(
        name="cong-trinh-dien",
        app_label="services",
        title=_("Electricity grid projects"),
        columns=PROJECT_COLUMNS,
        rows=selectors.open_data_rows,
        items_key="projects",
    )
)
