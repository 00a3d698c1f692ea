"""The PAPI plan's models moved from the portal app to the papi app without losing a row, a
history entry, a content type or a role's permission."""

from datetime import date

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from portal import roles
from portal.papi.models import IndicatorSnapshot, IndicatorTarget, PlanTask, ReportJob
from tests.helpers import require

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

BEFORE_THE_MOVE = [("portal", "0013_papi_2017_2024_and_report_signer"), ("papi", None)]
MOVED = [
    "actionplan",
    "historicalactionplan",
    "plantask",
    "historicalplantask",
    "taskupdate",
    "indicatortarget",
    "historicalindicatortarget",
    "indicatorsnapshot",
    "reportjob",
]
PLAN_STAFF = {
    "actionplan": ["view"],
    "plantask": ["view"],
    "taskupdate": ["view", "add"],
    "indicatorsnapshot": ["view"],
    "indicatortarget": ["view"],
}
# What each role could do with these models before the move, when they were portal's.
GRANTS_BEFORE = {
    roles.EDITOR: PLAN_STAFF,
    roles.PROCEDURES_OFFICER: PLAN_STAFF,
    roles.RECEPTION_OFFICER: PLAN_STAFF,
    roles.INSPECTOR: PLAN_STAFF,
    roles.RECRUITMENT_OFFICER: PLAN_STAFF,
    roles.LEADERSHIP: {
        "actionplan": ["view", "add", "change"],
        "plantask": ["view", "add", "change"],
        "taskupdate": ["view", "add"],
        "indicatortarget": ["view", "add", "change"],
        "indicatorsnapshot": ["view", "add"],
        "reportjob": ["view", "add"],
    },
    roles.ADMINISTRATOR: {model: list(roles.ALL_ACTIONS) for model in MOVED},  # "portal.*"
}


def migrate(targets):
    """Migrates to `targets` and returns the models as the applied migrations define them."""
    MigrationExecutor(connection).migrate(targets)
    ContentType.objects.clear_cache()
    loader = MigrationExecutor(connection).loader
    return loader.project_state(list(loader.applied_migrations)).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_rows_written_before_the_move_are_found_after_it():
    # Migrations inside the test's transaction: PostgreSQL rolls the schema back with it.
    require(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    old = migrate(BEFORE_THE_MOVE)
    get = old.get_model
    Dimension, Group_ = get("portal", "Dimension"), get("auth", "Group")
    plan = get("portal", "ActionPlan").objects.create(year=2023, title="Kế hoạch PAPI 2023")
    task = get("portal", "PlanTask").objects.create(
        plan=plan,
        dimension=Dimension.objects.get(code="D2"),
        area="transparency",
        title="Công khai quy hoạch",
        start_date=date(2023, 1, 2),
        deadline=date(2023, 6, 30),
        status="done",
        progress=100,
    )
    get("portal", "HistoricalPlanTask").objects.create(
        id=task.pk,
        plan_id=plan.pk,
        dimension_id=task.dimension_id,
        area=task.area,
        title=task.title,
        start_date=task.start_date,
        deadline=task.deadline,
        status="not_started",
        progress=0,
        history_date=timezone.now(),
        history_type="+",
    )
    get("portal", "TaskUpdate").objects.create(
        task=task, on=date(2023, 6, 20), status="done", progress=100, note="Đã đăng tải"
    )
    get("portal", "IndicatorTarget").objects.create(code="KH-D2", year=2023, value=95)
    get("portal", "IndicatorSnapshot").objects.create(
        quarter="2023-Q2", code="KH-D2", dimension="D2", value=100, trigger="scheduled",
        computed_at=timezone.now(),
    )  # fmt: skip
    get("portal", "ReportJob").objects.create(quarter="2023-Q2", version=1, status="done")
    OldContentType = get("contenttypes", "ContentType")
    content_types = {
        ct.model: ct.pk for ct in OldContentType.objects.filter(app_label="portal", model__in=MOVED)
    }
    assert set(content_types) == set(MOVED)
    OldPermission = get("auth", "Permission")
    granted_before = {
        role: {
            OldPermission.objects.get(
                content_type_id=content_types[model], codename=f"{action}_{model}"
            ).pk
            for model, actions in grants.items()
            for action in actions
        }
        for role, grants in GRANTS_BEFORE.items()
    }
    # Every role as the old table left it (the administrator with all of "portal.*").
    for role, pks in granted_before.items():
        group = Group_.objects.get(name=role)
        group.permissions.remove(*group.permissions.filter(content_type__model__in=MOVED))
        group.permissions.add(*pks)

    migrate(latest())

    task = PlanTask.objects.get(title="Công khai quy hoạch")
    assert (task.plan.year, task.dimension.code, task.status) == (2023, "D2", "done")
    assert [u.note for u in task.updates.all()] == ["Đã đăng tải"]
    assert task.history.get().status == "not_started"
    assert IndicatorTarget.objects.get(code="KH-D2", year=2023).value == 95
    assert IndicatorSnapshot.objects.current().get(quarter="2023-Q2").value == 100
    assert ReportJob.objects.get(quarter="2023-Q2").title
    # The same content type rows, now under the papi app; none left behind in portal.
    moved = ContentType.objects.filter(app_label="papi", model__in=MOVED)
    assert {ct.model: ct.pk for ct in moved} == content_types
    assert not ContentType.objects.filter(app_label="portal", model__in=MOVED).exists()

    roles.sync_role_permissions()
    for role, pks in granted_before.items():
        group = Group.objects.get(name=role)
        after = set(
            group.permissions.filter(content_type__app_label="papi").values_list("pk", flat=True)
        )
        assert after == pks, role
    leader = Permission.objects.get(content_type__app_label="papi", codename="add_reportjob")
    assert leader.group_set.filter(name=roles.LEADERSHIP).exists()
