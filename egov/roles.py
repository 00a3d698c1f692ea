from portal.roles import ALL_ACTIONS, EDITOR, LEADERSHIP

# Editors run the consultations of their own units (drafting units' staff hold the role):
# they import drafts, moderate and answer comments, and publish. Leadership follows them all.
GRANTS = {
    EDITOR: {
        "egov.consultation": ALL_ACTIONS,
        "egov.consultationattachment": ALL_ACTIONS,
        "egov.draftversion": ("view", "change"),
        "egov.draftsection": ("view", "change"),
        "egov.comment": ("view", "change"),
        "egov.answer": ("view", "change"),
        "egov.answertemplate": ALL_ACTIONS,
        "egov.synthesisreport": ("view",),
    },
    LEADERSHIP: {
        "egov.consultation": ("view",),
        "egov.draftversion": ("view",),
        "egov.comment": ("view",),
        "egov.answer": ("view",),
        "egov.answertemplate": ("view",),
        "egov.synthesisreport": ("view",),
    },
}

EXTRA_PERMISSIONS = {EDITOR: ["egov.publish_consultation", "egov.moderate_comment"]}
