"""The transparency app's open data: the catalog of public documents (`van-ban.csv`,
`van-ban.json`), written by portal.opendata's task from `selectors.open_data_rows`."""

from django.utils.translation import gettext_lazy as _

from portal.opendata import Dataset, register

from . import selectors

# The published schema of the catalog: (column, description). The page and both files use it,
# and `selectors.open_data_rows` gives the values in this order.
DOCUMENT_COLUMNS = [
    ("id", _("Stable identifier of the document on this portal")),
    ("number", _("Number and symbol, for example 59/2019/NĐ-CP")),
    ("kind", _("Kind code: law, decree, circular, decision, plan, …")),
    ("kind_label", _("Kind, in words")),
    ("summary", _("Summary (trích yếu)")),
    ("issuer", _("Issuing body")),
    ("signer", _("Signer")),
    ("issued_on", _("Date issued, ISO 8601 (YYYY-MM-DD)")),
    ("effective_on", _("Date in force, ISO 8601, empty when unknown")),
    ("expires_on", _("Date of expiry, ISO 8601, empty when none")),
    ("legal_status", _("in_force, expired, partly_expired or not_yet_in_force")),
    ("fields", _("Fields, separated by a semicolon")),
    ("published_at", _("Date and time of publication on this portal, ISO 8601")),
    ("updated_at", _("Date and time of the last update, ISO 8601")),
    ("url", _("Address of the document's page")),
    ("attachments", _("Download addresses of the attached files, separated by a space")),
]

DOCUMENTS = register(
    Dataset(
        name="van-ban",
        app_label="transparency",
        title=_("Catalog of documents"),
        columns=DOCUMENT_COLUMNS,
        rows=selectors.open_data_rows,
        items_key="documents",
        description=_(
            "One row per published document. Only published documents are included. Dates are "
            "in the Asia/Ho_Chi_Minh time zone."
        ),
    )
)
