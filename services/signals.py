"""Keeps each outage's ward names (shown by the finder) in step with its wards, however they
change: the admin, an import, the demo."""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .models import PlannedOutage


@receiver(m2m_changed, sender=PlannedOutage.wards.through)
def _wards_changed(sender, instance, action, reverse, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # a ward's outages changed
        for outage in PlannedOutage.objects.filter(pk__in=kwargs.get("pk_set") or ()):
            outage.refresh_ward_names()
        return
    instance.refresh_ward_names()
