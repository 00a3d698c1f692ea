"""Staff roles are groups. Each app declares what each role may do with its models in its own
`roles.py`; the grants are synchronised after every migrate, so that a model added by a later
app gets its permissions."""

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .discovery import declarations

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

# Each app grants the roles what their work needs in its own `roles.py`:
#   GRANTS = {role: {"app_label.model": actions}}  ("app_label.*" means every model of the app)
#   EXTRA_PERMISSIONS = {role: ["app_label.codename"]}  (permissions beyond view/add/change/delete)
# These are the portal's own.
GRANTS: dict[str, dict[str, tuple[str, ...]]] = {
    EDITOR: PLAN_STAFF,
    PROCEDURES_OFFICER: PLAN_STAFF,
    RECEPTION_OFFICER: PLAN_STAFF,
    INSPECTOR: PLAN_STAFF,
    RECRUITMENT_OFFICER: PLAN_STAFF,
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
    },
    ADMINISTRATOR: {
        "portal.*": ALL_ACTIONS,
        "papi.*": ALL_ACTIONS,
        "auth.user": ALL_ACTIONS,
        "auth.group": ("view",),
    },
}


def role_permissions() -> dict[str, dict[str, set[str]]]:
    """role -> {"app_label.model": actions}: every app's GRANTS together."""
    table: dict[str, dict[str, set[str]]] = {role: {} for role in ROLE_LABELS}
    for app_label, grants in declarations("roles", "GRANTS"):
        for role, targets in grants.items():
            if role not in table:
                raise ImproperlyConfigured(f"{app_label}/roles.py grants the unknown role {role}.")
            for target, actions in targets.items():
                table[role].setdefault(target, set()).update(actions)
    return table


def role_extra_permissions() -> dict[str, set[str]]:
    """role -> {"app_label.codename"}: every app's EXTRA_PERMISSIONS together."""
    table: dict[str, set[str]] = {role: set() for role in ROLE_LABELS}
    for _app_label, extra in declarations("roles", "EXTRA_PERMISSIONS"):
        for role, permissions in extra.items():
            table[role].update(permissions)
    return table


def user_has_role(user, *roles: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=roles).exists()


def sync_role_permissions(sender=None, using="default", **kwargs):
    """Gives every role exactly the permissions the apps declare (extra ones are removed)."""
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

    extra = role_extra_permissions()
    for role, grants in role_permissions().items():
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
        for dotted in extra[role]:
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
