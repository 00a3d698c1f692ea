from portal.roles import ADMINISTRATOR, ALL_ACTIONS, INSPECTOR, LEADERSHIP, RECEPTION_OFFICER

GRANTS = {
    RECEPTION_OFFICER: {"accountability.*": ALL_ACTIONS},
    # The inspection unit receives citizens too and keeps its part of the log; it handles
    # complaints, denunciations and requests for explanation, and follows up its conclusions.
    INSPECTOR: {
        "accountability.*": ("view",),
        "accountability.visit": ("view", "add", "change"),
        "accountability.case": ("view", "add", "change"),
        "accountability.caseattachment": ("view", "add", "change", "delete"),
        "accountability.explanationrequest": ("view", "add", "change"),
        "accountability.inspectionconclusion": ("view", "add", "change"),
        "accountability.recommendation": ("view", "add", "change"),
    },
    LEADERSHIP: {"accountability.*": ("view",)},
    ADMINISTRATOR: {"accountability.*": ALL_ACTIONS},
}

EXTRA_PERMISSIONS = {
    RECEPTION_OFFICER: [
        "accountability.publish_dialogue",
        "accountability.moderate_dialoguequestion",
    ],
    INSPECTOR: ["accountability.publish_inspectionconclusion"],
    ADMINISTRATOR: [
        "accountability.publish_dialogue",
        "accountability.moderate_dialoguequestion",
        "accountability.publish_inspectionconclusion",
    ],
}
