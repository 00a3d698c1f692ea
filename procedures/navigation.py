from django.utils.translation import gettext_lazy as _

from portal.navigation import MenuEntry, TopTask

MENU = [MenuEntry("procedures:procedure_list", _("Procedures"), 40)]

TOP_TASKS = [
    TopTask(
        "procedures:procedure_list",
        _("Find an administrative procedure"),
        _("What to submit, how long it takes and what it costs."),
        20,
    ),
    TopTask(
        "procedures:dossier_lookup",
        _("Look up your dossier"),
        _("Check the status of an application with the code on your receipt."),
        30,
    ),
    TopTask(
        "procedures:feedback_create",
        _("Send feedback or a petition"),
        _("Report a problem with a procedure or a regulation and get a public answer."),
        60,
    ),
]

# The site map's labels of the public pages that are neither in the menu nor a top task.
PAGE_LABELS = {
    "procedures:statistics": _("Procedure statistics"),
    "procedures:answer_list": _("Answers to feedback and petitions"),
}
