from portal.roles import ADMINISTRATOR, ALL_ACTIONS, EDITOR, LEADERSHIP

GRANTS = {
    # The energy division's officers keep the outages, the projects and the figures, and answer
    # supply problems (those of their own unit).
    EDITOR: {"services.*": ALL_ACTIONS},
    LEADERSHIP: {"services.*": ("view",)},
    ADMINISTRATOR: {"services.*": ALL_ACTIONS},
}

EXTRA_PERMISSIONS = {
    EDITOR: ["services.publish_gridproject"],
    ADMINISTRATOR: ["services.publish_gridproject"],
}
