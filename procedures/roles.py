from portal.roles import ALL_ACTIONS, EDITOR, LEADERSHIP, PROCEDURES_OFFICER

GRANTS = {
    # Procedures officers keep the catalog and the dossiers; editors publish the catalog.
    PROCEDURES_OFFICER: {"procedures.*": ALL_ACTIONS},
    EDITOR: {
        "procedures.procedure": ALL_ACTIONS,
        "procedures.submissionmethod": ALL_ACTIONS,
        "procedures.dossiercomponent": ALL_ACTIONS,
        "procedures.procedurechange": ("view",),
    },
    LEADERSHIP: {"procedures.*": ("view",)},
}

EXTRA_PERMISSIONS = {
    EDITOR: ["procedures.publish_procedure"],
    PROCEDURES_OFFICER: ["procedures.publish_procedure", "procedures.publish_feedback"],
}
