from portal.roles import ALL_ACTIONS, EDITOR, LEADERSHIP, PROCEDURES_OFFICER

GRANTS = {
    EDITOR: {"transparency.*": ALL_ACTIONS},
    # Procedures officers draft the documents their procedures rest on; editors publish them.
    PROCEDURES_OFFICER: {
        "transparency.document": ("view", "add", "change"),
        "transparency.attachment": ("view", "add", "change"),
        "transparency.documentrelation": ("view", "add", "change", "delete"),
        "transparency.field": ("view",),
    },
    LEADERSHIP: {"transparency.*": ("view",)},
}

EXTRA_PERMISSIONS = {EDITOR: ["transparency.publish_document"]}
