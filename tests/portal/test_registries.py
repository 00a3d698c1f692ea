"""What the apps declare and the kernel collects: the header's menu and the home page's top
tasks, the roles' permissions, the beat schedule and the demo. Written against the central
tables before they moved into the apps, so that the move changed nothing a user sees."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission

from portal import roles

pytestmark = pytest.mark.django_db


def _links(html: str, start: str, end: str) -> list[tuple[str, str]]:
    part = html[html.index(start) : html.index(end, html.index(start))]
    return re.findall(
        r'<a class="govuk-(?:link app-top-tasks__link|service-navigation__link)" '
        r'href="([^"]+)"[^>]*>([^<]+)</a>',
        part,
    )


def test_the_header_menu_keeps_its_entries_and_order(client):
    page = client.get("/").content.decode()
    assert _links(page, 'id="navigation"', "</ul>") == [
        ("/van-ban/", "Văn bản"),
        ("/ke-hoach/", "Kế hoạch, quy hoạch"),
        ("/pho-bien-phap-luat/", "Phổ biến pháp luật"),
        ("/thu-tuc/", "Thủ tục hành chính"),
        ("/gop-y-du-thao/", "Lấy ý kiến dự thảo"),
        ("/tiep-cong-dan/", "Tiếp công dân"),
        ("/tin-tuc/", "Tin tức"),  # the first page of egov, added with the registry
        ("/chi-so-papi/", "Chỉ số PAPI"),
        ("/tim-kiem/", "Tìm kiếm"),
    ]


def test_the_home_page_keeps_its_top_tasks_and_order(client):
    page = client.get("/").content.decode()
    assert _links(page, 'class="app-top-tasks"', "</ul>") == [
        ("/van-ban/", "Tra cứu văn bản"),
        ("/thu-tuc/", "Tra cứu thủ tục hành chính"),
        ("/tra-cuu-ho-so/", "Tra cứu hồ sơ"),
        ("/gop-y-du-thao/", "Góp ý dự thảo văn bản"),
        ("/tiep-cong-dan/", "Xem lịch tiếp công dân"),
        ("/phan-anh-kien-nghi/", "Gửi phản ánh, kiến nghị"),
        ("/lich-cat-dien/", "Lịch cắt điện"),
        ("/to-giac/", "Tố giác tham nhũng an toàn"),  # anticorruption's, once its URL resolves
        ("/tim-kiem/", "Tìm kiếm trên Cổng thông tin"),
    ]


# The role → permissions table as it stood in portal/roles.py before each app declared its own.
ALL = ("view", "add", "change", "delete")
PLAN_STAFF = {
    "portal.actionplan": ("view",),
    "portal.plantask": ("view",),
    "portal.taskupdate": ("view", "add"),
    "portal.indicatorsnapshot": ("view",),
    "portal.indicatortarget": ("view",),
}
TABLE_BEFORE = {
    "editor": {**PLAN_STAFF, "transparency.*": ALL},
    "procedures_officer": {
        **PLAN_STAFF,
        "transparency.document": ("view", "add", "change"),
        "transparency.attachment": ("view", "add", "change"),
        "transparency.documentrelation": ALL,
        "transparency.field": ("view",),
    },
    "reception_officer": PLAN_STAFF,
    "inspector": PLAN_STAFF,
    "recruitment_officer": PLAN_STAFF,
    "leadership": {
        "portal.officialscore": ("view",),
        "portal.dimension": ("view",),
        "portal.unit": ("view",),
        "portal.actionplan": ("view", "add", "change"),
        "portal.plantask": ("view", "add", "change"),
        "portal.taskupdate": ("view", "add"),
        "portal.indicatortarget": ("view", "add", "change"),
        "portal.indicatorsnapshot": ("view", "add"),
        "portal.reportjob": ("view", "add"),
        "transparency.*": ("view",),
    },
    "administrator": {"portal.*": ALL, "auth.user": ALL, "auth.group": ("view",)},
}
EXTRA_BEFORE = {"editor": {"transparency.publish_document"}}
APPS_BEFORE = {"portal", "transparency", "auth"}


def _expand(grants: dict) -> set[str]:
    wanted = set()
    for target, actions in grants.items():
        app_label, model = target.split(".")
        perms = Permission.objects.filter(content_type__app_label=app_label)
        if model != "*":
            perms = perms.filter(content_type__model=model)
        wanted |= {
            f"{app_label}.{p.codename}" for p in perms if p.codename.split("_", 1)[0] in actions
        }
    return wanted


def test_every_role_keeps_its_permissions():
    roles.sync_role_permissions()
    for role, grants in TABLE_BEFORE.items():
        group = Group.objects.get(name=role)
        held = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
            if p.content_type.app_label in APPS_BEFORE
        }
        assert held == _expand(grants) | EXTRA_BEFORE.get(role, set()), role


def test_the_beat_schedule_keeps_its_entries():
    schedule = {
        name: (entry["task"], str(entry["schedule"]))
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items()
    }
    assert schedule == {
        "papi-report-previous-quarter": (
            "portal.tasks.generate_previous_quarter_report",
            "<crontab: 0 6 1 1,4,7,10 * (m/h/dM/MY/d)>",
        ),
        "portal-open-data-nightly": (
            "portal.tasks.generate_all_open_data",
            "<crontab: 30 2 * * * (m/h/dM/MY/d)>",
        ),
        "portal-send-outbox": ("portal.tasks.send_outbox", "60.0"),
        "papi-report-requeue-stale": ("portal.tasks.requeue_stale_reports", "60.0"),
        "transparency-publish-scheduled": ("transparency.tasks.publish_scheduled", "60.0"),
        "transparency-flush-document-views": (
            "transparency.tasks.flush_document_views",
            "300.0",
        ),
        "accountability-booking-reminders": (
            "accountability.tasks.send_booking_reminders",
            "<crontab: 5 7-17 * * * (m/h/dM/MY/d)>",
        ),
        "accountability-erase-old-booking-data": (
            "accountability.tasks.erase_old_booking_data",
            "<crontab: 30 2 * * * (m/h/dM/MY/d)>",
        ),
        "accountability-case-deadlines": (
            "accountability.tasks.send_case_alerts",
            "<crontab: 15 7 * * * (m/h/dM/MY/d)>",
        ),
        "procedures-rebuild-dossier-statistics": (
            "procedures.tasks.rebuild_dossier_statistics",
            "<crontab: 10 2 * * * (m/h/dM/MY/d)>",
        ),
        "egov-site-quality": (
            "egov.tasks.check_site_quality",
            "<crontab: 15 3 * * * (m/h/dM/MY/d)>",
        ),
        "services-erase-old-problem-data": (
            "services.tasks.erase_old_problem_data",
            "<crontab: 40 2 * * * (m/h/dM/MY/d)>",
        ),
        "anticorruption-destroy-expired-reports": (
            "anticorruption.tasks.destroy_expired_reports",
            "<crontab: 45 2 * * * (m/h/dM/MY/d)>",
        ),
    }


def test_the_demo_seeds_in_the_same_order():
    from portal import demo
    from portal.papi import demo as papi_demo
    from transparency import demo as transparency_demo

    steps = demo.ordered_steps()
    assert [step.name for step in steps] == [
        "portal",
        "papi-plan",
        "transparency",
        "accountability",
        "accountability-cases",
        "anticorruption",
        "procedures",
        "services",
        "egov",
        "papi-snapshots",
    ]
    assert [step.seed for step in steps[:3]] == [demo.seed, papi_demo.seed, transparency_demo.seed]


def test_the_sitemap_keeps_its_sections():
    from portal.sitemaps import all_sitemaps

    assert list(all_sitemaps()) == [
        "pages",
        "documents",
        "plannings",
        "explainers",
        "questions",
        "reception",
        "dialogues",
        "anticorruption",  # the channel's pages and the recruitment rounds
        "recruitment",
        "procedures",
        "services",
        "grid-projects",
        "news",  # egov's, added with the registry
        "consultations",
        "news-articles",
        "about-pages",
    ]


def test_the_menu_declares_the_entries_of_the_apps_to_come_in_order():
    from portal.navigation import menu, top_tasks

    assert [entry.url_name for entry in menu()] == [
        "transparency:document_list",
        "transparency:plan_list",
        "transparency:dissemination",
        "procedures:procedure_list",
        "egov:consultation_list",
        "accountability:reception_calendar",
        "egov:news_list",
        "portal:papi_scores",
        "portal:search",
    ]
    assert [task.url_name for task in top_tasks()] == [
        "transparency:document_list",
        "procedures:procedure_list",
        "procedures:dossier_lookup",
        "egov:consultation_list",
        "accountability:reception_calendar",
        "procedures:feedback_create",
        "services:outage_list",
        "anticorruption:tip_create",
        "portal:search",
    ]


def test_a_demo_step_runs_after_the_steps_it_names_whatever_the_order_declared():
    from django.core.exceptions import ImproperlyConfigured

    from portal.demo import EVERY_OTHER_STEP, DemoStep, in_order

    def seed(stdout=None):
        pass

    steps = [
        DemoStep("measure", seed, after=(EVERY_OTHER_STEP,)),
        DemoStep("cases", seed, after=("units", "procedures")),
        DemoStep("procedures", seed, after=("units",)),
        DemoStep("units", seed),
    ]
    assert [s.name for s in in_order(steps)] == ["units", "procedures", "cases", "measure"]

    with pytest.raises(ImproperlyConfigured, match="circle"):
        in_order([DemoStep("a", seed, after=("b",)), DemoStep("b", seed, after=("a",))])
    with pytest.raises(ImproperlyConfigured, match="unknown"):
        in_order([DemoStep("a", seed, after=("nowhere",))])
