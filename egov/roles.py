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
        # News and the department's pages are the whole department's: any editor writes them.
        "egov.news": ALL_ACTIONS,
        "egov.newscategory": ALL_ACTIONS,
        "egov.staticpage": ALL_ACTIONS,
        # Website quality: the results, and a check run on demand.
        "egov.qualityrun": ("view", "add"),
        "egov.qualityproblem": ("view",),
    },
    LEADERSHIP: {
        "egov.consultation": ("view",),
        "egov.draftversion": ("view",),
        "egov.comment": ("view",),
        "egov.answer": ("view",),
        "egov.answertemplate": ("view",),
        "egov.synthesisreport": ("view",),
        "egov.news": ("view",),
        "egov.newscategory": ("view",),
        "egov.staticpage": ("view",),
        "egov.qualityrun": ("view",),
        "egov.qualityproblem": ("view",),
    },
}

EXTRA_PERMISSIONS = {
    EDITOR: [
        "egov.publish_consultation",
        "egov.moderate_comment",
        "egov.publish_news",
        "egov.publish_staticpage",
    ]
}
