"""Keeps each outage's ward names (shown by the finder) in step with its wards, however they
change: the admin, an import, the demo."""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .models import PlannedOutage


@receiver(m2m_changed, sender=PlannedOutage.wards.through)
def _wards_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            instance.refresh_ward_names()
        return
    # A ward's outages changed. Django gives no pk_set for a clear, so remember them before.
    if action == "pre_clear":
        instance._cleared_outages = list(instance.outages.values_list("pk", flat=True))
        return
    if action == "post_clear":
        pk_set = instance.__dict__.pop("_cleared_outages", ())
    if action in ("post_add", "post_remove", "post_clear"):
        for outage in PlannedOutage.objects.filter(pk__in=pk_set or ()):
            outage.refresh_ward_names()
