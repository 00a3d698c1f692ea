"""Writes of the procedures app. Every write of a procedure goes through
`portal.publishing` (permission, history, cache and search refresh); this module adds the
field-by-field record of what changed, which the procedure's page shows ("sửa đổi ngày …")."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import publishing

from .models import Procedure, ProcedureChange

PAGE_NAMESPACE = "procedures"

# The fields whose changes the public sees, with the label shown beside each difference.
TRACKED_FIELDS = {
    "code": _("Code"),
    "name": _("Name"),
    "level": _("Level"),
    "field": _("Field"),
    "implementing_agency": _("Implementing agency"),
    "deciding_agency": _("Deciding agency"),
    "steps": _("Steps"),
    "requirements": _("Requirements and conditions"),
    "results": _("Result"),
    "online_level": _("Online service"),
    "national_portal_url": _("Link to the national public service portal"),
    "legal_basis": _("Legal basis"),
    "methods": _("How to submit, processing time and fees"),
    "components": _("What to submit"),
}


def snapshot(procedure: Procedure) -> dict[str, str]:
    """The procedure's tracked fields as text, as the public reads them."""
    values = {}
    for name in TRACKED_FIELDS:
        if name in ("methods", "components"):
            continue
        field = Procedure._meta.get_field(name)
        value = getattr(procedure, name)
        if field.choices:
            value = str(dict(field.choices).get(value, value))
        values[name] = str(value or "")
    if procedure.pk:
        values["methods"] = "\n".join(
            "; ".join(
                part
                for part in (
                    str(method.get_channel_display()),
                    f"{method.processing_days} ngày làm việc"
                    if method.processing_days is not None
                    else "",
                    method.processing_note,
                    f"{method.fee_vnd:,} đồng".replace(",", ".")
                    if method.fee_vnd is not None
                    else "",
                    method.fee_note,
                )
                if part
            )
            for method in procedure.methods.order_by("channel")
        )
        values["components"] = "\n".join(
            " – ".join(part for part in (c.case, c.name, c.copies) if part)
            for c in procedure.components.order_by("case", "order", "id")
        )
    else:
        values["methods"] = values["components"] = ""
    return values


def differences(before: dict[str, str], after: dict[str, str]) -> list[dict]:
    return [
        {"field": name, "label": str(label), "old": before.get(name, ""), "new": after[name]}
        for name, label in TRACKED_FIELDS.items()
        if before.get(name, "") != after.get(name, "")
    ]


def record_change(
    *, procedure: Procedure, before: dict[str, str], origin: str
) -> ProcedureChange | None:
    """Records what changed since `before` (a `snapshot`); nothing when nothing changed, and
    nothing for a new procedure (its first record is not an amendment)."""
    if not before:
        return None
    found = differences(before, snapshot(procedure))
    if not found:
        return None
    return ProcedureChange.objects.create(
        procedure=procedure, changed_at=timezone.now(), origin=origin, differences=found
    )


@transaction.atomic
def procedure_save(*, procedure: Procedure, user=None, reason: str = "", before=None) -> None:
    """Saves a procedure and records its field-by-field change against `before`."""
    publishing.item_save(item=procedure, user=user, reason=reason)
    if before is not None:
        record_change(procedure=procedure, before=before, origin=reason)
