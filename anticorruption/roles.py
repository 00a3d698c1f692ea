from portal.roles import ADMINISTRATOR, ALL_ACTIONS, INSPECTOR, LEADERSHIP, RECRUITMENT_OFFICER

RECRUITMENT = {
    "anticorruption.recruitmentround": ALL_ACTIONS,
    "anticorruption.recruitmentstep": ALL_ACTIONS,
    # Candidates' personal data: those who review the applications, nobody else.
    "anticorruption.application": ("view", "change"),
    "anticorruption.applicationdocument": ("view",),
}

# Anonymous reports are not admin models: their pages (/quan-tri/to-giac/) check the inspection
# role itself (decorators.inspectors_only), so no other role is granted anything on them.
GRANTS = {
    RECRUITMENT_OFFICER: RECRUITMENT,
    LEADERSHIP: {
        "anticorruption.recruitmentround": ("view",),
        "anticorruption.recruitmentstep": ("view",),
    },
    ADMINISTRATOR: RECRUITMENT,
}

EXTRA_PERMISSIONS = {
    RECRUITMENT_OFFICER: [
        "anticorruption.publish_recruitmentround",
        "anticorruption.publish_recruitmentstep",
    ],
    INSPECTOR: ["anticorruption.handle_tip"],
}
