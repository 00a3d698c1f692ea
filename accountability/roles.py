from portal.roles import ADMINISTRATOR, ALL_ACTIONS, INSPECTOR, LEADERSHIP, RECEPTION_OFFICER

GRANTS = {
    RECEPTION_OFFICER: {"accountability.*": ALL_ACTIONS},
    INSPECTOR: {"accountability.*": ("view",)},
    LEADERSHIP: {"accountability.*": ("view",)},
    ADMINISTRATOR: {"accountability.*": ALL_ACTIONS},
}
