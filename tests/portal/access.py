"""The portal's rows of the role × URL matrix (see tests/matrix.py), with the project's own URLs
(health, sitemap, the admin's site pages) and the pages checked for valid HTML."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse_lazy

from tests.matrix import MFA_SETUP, PERSONAS, everyone, staff_only, to

EXPECTED = {
    # The health check answers everyone (load balancers), and is exempt from the MFA redirect.
    "healthz": dict.fromkeys(PERSONAS, 200),
    "readiness": dict.fromkeys(PERSONAS, 200),
    "sitemap": everyone(200),
    "portal:home": everyone(200),
    "portal:search": everyone(200),
    "portal:papi_scores": everyone(200),
    "portal:accessibility": everyone(200),
    "portal:privacy": everyone(200),
    "portal:site_map": everyone(200),
    "portal:open_data": everyone(200),
    "portal:open_data_file": everyone(200),
    "portal:dashboard": staff_only(200),
    # TOTP set-up: the page that asks for the administrator's link, and the link itself.
    "portal:mfa_enrolment_required": dict.fromkeys(PERSONAS, 200),
    "portal:mfa_enrolment_start": staff_only(to("portal:dashboard"), staff_without_mfa=400),
    # The admin's own pages (the per-model ones are checked by rule).
    "admin:index": staff_only(200),
    "admin:login": staff_only(to("admin:index")),
    # Sign-out is a POST; the admin sends a visitor who is not signed in to its index.
    "admin:logout": staff_only(405, citizen=to("admin:index")),
    "admin:password_change": staff_only(200),
    "admin:password_change_done": staff_only(200),
    "admin:autocomplete": staff_only(403),  # without a field to complete
    "admin:jsi18n": staff_only(200),
    "admin:view_on_site": staff_only(404),  # a unit has no public page
    # The portal app's section: every staff role holds a permission in it (the PAPI plan).
    "admin:app_list": staff_only(200),
    # The PAPI plan tracker: every officer follows the plan and reports progress on it.
    "papi:plan_overview": staff_only(200),
    "papi:plan_task_list": staff_only(200),
    # A task, its updates and its evidence belong to its unit (unit A here): officer B and the
    # inspector, of no unit of it, get a 404; leadership sees every unit.
    "papi:plan_task_detail": staff_only(404, officer_a=200, leader=200, administrator=200),
    "papi:plan_task_edit": staff_only(403, leader=200, administrator=200),
    "papi:task_update_create": staff_only(405, citizen=405, staff_without_mfa=MFA_SETUP),
    "papi:evidence_download": staff_only(404, officer_a=200, leader=200, administrator=200),
    # Indicator series are open to staff; targets and recomputation to leadership (in the page).
    "papi:indicator_list": staff_only(200),
    "papi:indicator_detail": staff_only(200),
    # The quarterly reports: leadership and administrators only.
    "papi:report_list": staff_only(403, leader=200, administrator=200),
    "papi:report_detail": staff_only(403, leader=200, administrator=200),
    "papi:report_download": staff_only(403, leader=200, administrator=200),
    "papi:report_preview": staff_only(403, leader=200, administrator=200),
}

SAMPLE_KWARGS = {
    "portal:open_data_file": lambda s: {"name": "van-ban", "file_format": "csv"},
    "admin:view_on_site": lambda s: {
        "content_type_id": ContentType.objects.get_for_model(s.unit).pk,
        "object_id": s.unit.pk,
    },
    "admin:app_list": lambda s: {"app_label": "papi"},
    "papi:plan_task_detail": lambda s: {"pk": s.objects["papi.plantask"].pk},
    "papi:plan_task_edit": lambda s: {"pk": s.objects["papi.plantask"].pk},
    "papi:task_update_create": lambda s: {"pk": s.objects["papi.plantask"].pk},
    "papi:evidence_download": lambda s: {"pk": s.objects["papi.taskupdate"].pk},
    "papi:indicator_detail": lambda s: {"code": "KH-D2"},
    "papi:report_detail": lambda s: {"pk": s.objects["papi.reportjob"].pk},
    "papi:report_download": lambda s: {"pk": s.objects["papi.reportjob"].pk},
    "papi:report_preview": lambda s: {"quarter": "2024-Q4"},
    "portal:mfa_enrolment_start": lambda s: {"token": "khong-hop-le"},
}

HTML_PAGES = {
    "home": ("/", 200),
    "search": ("/tim-kiem/?q=xang+dau", 200),
    "papi-scores": ("/chi-so-papi/", 200),
    "accessibility": ("/tuyen-bo-tiep-can/", 200),
    "privacy": ("/chinh-sach-bao-mat/", 200),
    "site-map": ("/so-do-trang/", 200),
    "not-found": ("/khong-co-trang-nay/", 404),
    "sign-in": (reverse_lazy("account_login"), 200),
    "home-en": ("/en/", 200),
    "search-en": ("/en/tim-kiem/?q=xang+dau", 200),
}
