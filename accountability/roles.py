from portal.roles import ADMINISTRATOR, ALL_ACTIONS, INSPECTOR, LEADERSHIP, RECEPTION_OFFICER

GRANTS = {
    RECEPTION_OFFICER: {"accountability.*": ALL_ACTIONS},
    # The inspection unit receives citizens too and keeps its part of the log.
    INSPECTOR: {
        "accountability.*": ("view",),
        "accountability.visit": ("view", "add", "change"),
    },
    LEADERSHIP: {"accountability.*": ("view",)},
    ADMINISTRATOR: {"accountability.*": ALL_ACTIONS},
}
