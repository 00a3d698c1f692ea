"""Staff roles are groups. Each role's permissions are declared here, per app and model, and
synchronised after every migrate so that a model added by a later app gets its permissions."""

from django.utils.translation import gettext_lazy as _

EDITOR = "editor"
PROCEDURES_OFFICER = "procedures_officer"
RECEPTION_OFFICER = "reception_officer"
INSPECTOR = "inspector"
RECRUITMENT_OFFICER = "recruitment_officer"
LEADERSHIP = "leadership"
ADMINISTRATOR = "administrator"

# Group names are stable codes; these are what people see.
ROLE_LABELS = {
    EDITOR: _("Editor"),
    PROCEDURES_OFFICER: _("Procedures officer"),
    RECEPTION_OFFICER: _("Citizen reception officer"),
    INSPECTOR: _("Inspector"),
    RECRUITMENT_OFFICER: _("Recruitment officer"),
    LEADERSHIP: _("Leadership"),
    ADMINISTRATOR: _("Administrator"),
}

ALL_ACTIONS = ("view", "add", "change", "delete")

# Every staff role reports progress on the PAPI plan's tasks of its own unit.
PLAN_STAFF = {
    "papi.actionplan": ("view",),
    "papi.plantask": ("view",),
    "papi.taskupdate": ("view", "add"),
    "papi.indicatorsnapshot": ("view",),
    "papi.indicatortarget": ("view",),
}

# role -> {"app_label.model": actions}. "app_label.*" means every model of the app.
# Apps add their own entries in their issue; keep each role to what its work needs.
ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    EDITOR: {**PLAN_STAFF, "transparency.*": ALL_ACTIONS},
    # Procedures officers draft the documents their procedures rest on; editors publish them.
    PROCEDURES_OFFICER: {
        **PLAN_STAFF,
        "transparency.document": ("view", "add", "change"),
        "transparency.attachment": ("view", "add", "change"),
        "transparency.documentrelation": ("view", "add", "change", "delete"),
        "transparency.field": ("view",),
    },
    RECEPTION_OFFICER: {**PLAN_STAFF},
    INSPECTOR: {**PLAN_STAFF},
    RECRUITMENT_OFFICER: {**PLAN_STAFF},
    LEADERSHIP: {
        "portal.officialscore": ("view",),
        "portal.dimension": ("view",),
        "portal.unit": ("view",),
        # The PAPI plan, its targets and the quarterly reports, which only leadership sees.
        "papi.actionplan": ("view", "add", "change"),
        "papi.plantask": ("view", "add", "change"),
        "papi.taskupdate": ("view", "add"),
        "papi.indicatortarget": ("view", "add", "change"),
        "papi.indicatorsnapshot": ("view", "add"),
        "papi.reportjob": ("view", "add"),
        "transparency.*": ("view",),
    },
    ADMINISTRATOR: {
        "portal.*": ALL_ACTIONS,
        "papi.*": ALL_ACTIONS,
        "auth.user": ALL_ACTIONS,
        "auth.group": ("view",),
    },
}

# Extra permissions that are not a model's view/add/change/delete: role -> ["app_label.codename"].
ROLE_EXTRA_PERMISSIONS: dict[str, list[str]] = {
    EDITOR: ["transparency.publish_document"],
}


def user_has_role(user, *roles: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=roles).exists()


def sync_role_permissions(sender=None, using="default", **kwargs):
    """Gives every role exactly the permissions declared above (extra ones are removed)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.management import create_contenttypes

    # post_migrate reaches this app before auth has created the permissions of later apps (or
    # of this one, on a fresh database): create them all first; both calls are idempotent.
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0, using=using)
        create_permissions(app_config, verbosity=0, using=using)

    # The portal app migrates first, before auth has created the other apps' permissions (and
    # its own, when its handler runs after this one): create them all before granting.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)

    for role, grants in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=role)
        wanted = set()
        for target, actions in grants.items():
            app_label, model = target.split(".")
            perms = Permission.objects.using(using).filter(content_type__app_label=app_label)
            if model != "*":
                perms = perms.filter(content_type__model=model)
            for perm in perms.select_related("content_type"):
                if perm.codename.split("_", 1)[0] in actions:
                    wanted.add(perm.pk)
        for dotted in ROLE_EXTRA_PERMISSIONS.get(role, []):
            app_label, codename = dotted.split(".")
            wanted.update(
                Permission.objects.using(using)
                .filter(content_type__app_label=app_label, codename=codename)
                .values_list("pk", flat=True)
            )
        group.permissions.set(wanted)


def sees_all_units(user) -> bool:
    """Superusers and leadership oversee every unit; other staff only their own."""
    return user.is_authenticated and (user.is_superuser or user_has_role(user, LEADERSHIP))


def units_of(user):
    """The units whose work (cases, logs, dossiers) this user may read.

    Apps filter their querysets with it, e.g. `Case.objects.filter(unit__in=units_of(user))`.
    """
    from .models import Unit

    if not user.is_authenticated:
        return Unit.objects.none()
    if sees_all_units(user):
        return Unit.objects.all()
    return Unit.objects.filter(members=user)


def can_access_unit(user, unit) -> bool:
    """The object-level check: may this user read or act on something that belongs to `unit`?"""
    if unit is None or not user.is_authenticated:
        return False
    if sees_all_units(user):
        return True
    return unit.members.filter(pk=user.pk).exists()
