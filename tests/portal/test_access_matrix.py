"""The role × URL matrix: every named URL of the site, requested by every persona.

How it works
------------
`named_urls()` walks the URLconf. Each URL name is checked in one of three ways:

* a row of EXPECTED (`{url_name: {persona: outcome}}`), which every app declares for its own
  URLs in `tests/<app>/access.py` (see tests/matrix.py);
* the admin's per-model URLs (`admin:<app>_<model>_<view>`) by rule: the answer follows the
  ModelAdmin's permission checks, which may never open more than the model permission;
* allauth's URLs (`account_*`, `mfa_*`) by ACCOUNT_EXPECTED, the same for every staff role.

A named URL that none of these covers FAILS the test: when you add a view, add its row to
`tests/<app>/access.py` (and its arguments to SAMPLE_KWARGS there).
"""

from datetime import date
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory, override_settings
from django.urls import clear_url_caches, get_resolver, path, reverse

from portal import roles
from tests.factories import HolidayFactory
from tests.helpers import make_staff
from tests.matrix import (
    MFA_SETUP,
    PERSONAS,
    SIGN_IN,
    STAFF,
    access_modules,
    collected,
    named_urls,
    to,
)

EXPECTED = collected("EXPECTED")
SAMPLE_KWARGS = {
    **collected("SAMPLE_KWARGS"),
    "account_confirm_email": lambda s: {"key": "khong-hop-le"},
    "account_reset_password_from_key": lambda s: {"uidb36": "1", "key": "khong-hop-le"},
}

# --- allauth: the same for every staff role ---------------------------------------------------

A = "anonymous"
S = "staff"
N = "staff_without_mfa"
REAUTH = to("account_reauthenticate")
ACCOUNT_EXPECTED: dict[str, dict[str, object]] = {
    # An account without TOTP (N) opens only sign-out and the set-up pages of portal/app_urls.py:
    # the password alone must not enrol an authenticator or change the e-mail.
    "account_login": {A: 200, S: to("portal:dashboard"), N: MFA_SETUP},
    "account_logout": {A: to("portal:home"), S: 200, N: 200},
    "account_inactive": {A: 200, S: 200, N: MFA_SETUP},
    # Sign-up is closed: the page says so.
    "account_signup": {A: 200, S: to("portal:dashboard"), N: MFA_SETUP},
    "account_reauthenticate": {A: SIGN_IN, S: 200, N: MFA_SETUP},
    "account_email": {A: SIGN_IN, S: 200, N: MFA_SETUP},
    "account_email_verification_sent": {A: 200, S: 200, N: MFA_SETUP},
    "account_change_password": {A: SIGN_IN, S: 200, N: MFA_SETUP},
    "account_set_password": {
        A: SIGN_IN,
        S: to("account_change_password"),
        N: MFA_SETUP,
    },
    "account_reset_password": {A: 200, S: 200, N: MFA_SETUP},
    # Sign-in by e-mailed code is off: the page sends everyone back.
    "account_confirm_login_code": {
        A: SIGN_IN,
        S: to("portal:dashboard"),
        N: MFA_SETUP,
    },
    "account_confirm_email": {A: 200, S: 200, N: MFA_SETUP},
    "account_reset_password_from_key_done": {A: 200, S: 200, N: MFA_SETUP},
    "account_reset_password_from_key": {A: 200, S: 200, N: MFA_SETUP},
    "account_reset_password_done": {A: 200, S: 200, N: MFA_SETUP},
    "mfa_index": {A: SIGN_IN, S: 200, N: MFA_SETUP},
    "mfa_authenticate": {A: SIGN_IN, S: to("portal:dashboard"), N: MFA_SETUP},
    "mfa_reauthenticate": {A: SIGN_IN, S: 200, N: MFA_SETUP},
    # Changing MFA asks for the password again first (allauth's reauthentication).
    "mfa_activate_totp": {A: SIGN_IN, S: REAUTH, N: MFA_SETUP},
    "mfa_deactivate_totp": {A: SIGN_IN, S: REAUTH, N: MFA_SETUP},
    # No recovery codes generated yet: nothing to view or download.
    "mfa_view_recovery_codes": {A: SIGN_IN, S: 404, N: MFA_SETUP},
    "mfa_generate_recovery_codes": {A: SIGN_IN, S: REAUTH, N: MFA_SETUP},
    "mfa_download_recovery_codes": {A: SIGN_IN, S: 404, N: MFA_SETUP},
}

# --- The admin's per-model URLs, by rule ------------------------------------------------------


def _admin_allows(view, model_admin, request, obj):
    if view == "changelist":
        return model_admin.has_view_or_change_permission(request)
    if view == "add":
        return model_admin.has_add_permission(request)
    if view in {"change", "history", "simple_history"}:
        return model_admin.has_view_or_change_permission(request, obj)
    if view in {"delete"}:
        return model_admin.has_delete_permission(request, obj)
    if view == "password_change":
        return model_admin.has_change_permission(request, obj)
    if view in {"import"}:
        return model_admin.has_import_permission(request)
    if view == "export":
        return model_admin.has_export_permission(request)
    raise KeyError(view)


# The model permission behind each admin view: no ModelAdmin may open more than this.
VIEW_PERMISSION = {
    "changelist": ("view", "change"),
    "add": ("add",),
    "change": ("view", "change"),
    "history": ("view", "change"),
    "simple_history": ("view", "change"),
    "delete": ("delete",),
    "password_change": ("change",),
    "import": ("change",),
    "export": ("view",),
}
# Admin views of one object: they open only objects of the ModelAdmin's queryset.
OBJECT_VIEWS = {"change", "history", "simple_history", "delete", "password_change"}


def in_queryset(model_admin, request, obj):
    return model_admin.get_queryset(request).filter(pk=obj.pk).exists()


# Admin views that only accept a POST: GET is refused (405); a POST without the permission, 403.
POST_ONLY = {
    "process_import": lambda model_admin, request, obj: model_admin.has_import_permission(request),
    # An item's own publication controls (transparency): the list's publication actions.
    "publication": lambda model_admin, request, obj: (
        model_admin.has_change_permission(request, obj)
        and request.user.has_perm(model_admin.model.get_publish_permission())
    ),
}


def admin_model_urls():
    """{url_name: (model_admin, view)} for every registered ModelAdmin's URLs."""
    found = {}
    names = {name for name, _pattern in named_urls()}
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        for name in names:
            if name.startswith(prefix):
                found[name] = (model_admin, name.removeprefix(prefix))
    return found


def is_account_url(name: str) -> bool:
    return name.startswith(("account_", "mfa_"))


def uncovered_urls() -> list[str]:
    model_urls = admin_model_urls()
    return sorted(
        name
        for name, _pattern in named_urls()
        if name not in EXPECTED
        and name not in model_urls
        and not (is_account_url(name) and name in ACCOUNT_EXPECTED)
    )


def test_it_has_an_expected_answer_for_every_named_url():
    model_urls = admin_model_urls()
    missing = uncovered_urls()
    assert not missing, (
        "These named URLs have no row in the access matrix. Add a row per URL to EXPECTED in "
        f"tests/<app>/access.py (and its arguments to SAMPLE_KWARGS): {missing}"
    )
    unknown_views = sorted(
        name
        for name, (_admin, view) in model_urls.items()
        if view not in VIEW_PERMISSION and view not in POST_ONLY and name not in EXPECTED
    )
    assert not unknown_views, (
        "These admin views have no rule: add them to EXPECTED or to VIEW_PERMISSION in "
        f"tests/portal/test_access_matrix.py: {unknown_views}"
    )
    names = {name for name, _pattern in named_urls()}
    stale = sorted((set(EXPECTED) | set(ACCOUNT_EXPECTED)) - names)
    assert not stale, f"These entries name URLs that no longer exist: {stale}"


def _new_view(request):
    raise AssertionError("never requested")


# A URLconf with one view more than the site, to show that a new URL is caught.
urlpatterns = [*get_resolver("portal.urls").url_patterns, path("moi/", _new_view, name="new_view")]


def test_it_catches_a_named_url_without_an_entry():
    with override_settings(ROOT_URLCONF=__name__):
        clear_url_caches()
        try:
            assert uncovered_urls() == ["new_view"]
        finally:
            clear_url_caches()


def test_it_expects_an_answer_from_every_persona():
    for name, table in EXPECTED.items():
        assert set(table) == set(PERSONAS), f"{name}: give an outcome for each of {PERSONAS}"
    for name, table in ACCOUNT_EXPECTED.items():
        assert set(table) == {A, S, N}, name


# --- Requesting every URL as every persona ----------------------------------------------------


def observe(client: Client, url: str) -> object:
    """The outcome of GET url: a status, or where a redirect leads."""
    response = client.get(url)
    if response.status_code not in (301, 302):
        return response.status_code
    location = response.headers["Location"].split("?")[0]
    if location == reverse("account_login"):
        return SIGN_IN
    if location == reverse("portal:mfa_enrolment_required") and url != location:
        # Only the MFA middleware sends a signed-in account here.
        return MFA_SETUP
    if location == reverse("admin:login"):
        # The admin sends visitors to its login, which allauth's secure_admin_login replaces.
        return observe(client, response.headers["Location"])
    return location


def expected_location(outcome):
    if (
        isinstance(outcome, str)
        and outcome.startswith("→ ")
        and outcome not in {SIGN_IN, MFA_SETUP}
    ):
        return reverse(outcome.removeprefix("→ "))
    return outcome


@pytest.fixture
def staff_without_mfa(db, unit_a):
    return make_staff(roles.EDITOR, unit=unit_a, mfa=False)


@pytest.fixture
def samples(db, unit_a, officer_a, settings, tmp_path):
    from allauth.account.models import EmailAddress
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from portal.models import DepartmentProfile
    from portal.papi.models import IndicatorSnapshot, IndicatorTarget, ReportJob
    from tests.papi.helpers import add_update, make_task

    private = {**settings.STORAGES["private"], "OPTIONS": {"location": tmp_path}}
    settings.STORAGES = {**settings.STORAGES, "private": private}
    task = make_task(unit=unit_a)
    update = add_update(task, date(2024, 3, 1), "in_progress", progress=40)
    update.evidence_file.save("bien-ban.pdf", ContentFile(b"%PDF-1.7 minh chung"))
    job = ReportJob.objects.create(quarter="2024-Q4", version=1, status=ReportJob.Status.DONE)
    job.file.save("bao-cao-papi-2024-Q4.pdf", ContentFile(b"%PDF-1.7 bao cao"))

    samples = SimpleNamespace(
        unit=unit_a,
        objects={
            "portal.departmentprofile": DepartmentProfile.objects.create(
                name="Sở Công Thương tỉnh Thái Nguyên", province="Thái Nguyên"
            ),
            "portal.holiday": HolidayFactory(date="2031-09-02", name="Quốc khánh"),
            "portal.unit": unit_a,
            "papi.actionplan": task.plan,
            "papi.plantask": task,
            "papi.taskupdate": update,
            "papi.reportjob": job,
            "papi.indicatortarget": IndicatorTarget.objects.create(
                code="KH-D2", year=2024, value=90
            ),
            "papi.indicatorsnapshot": IndicatorSnapshot.objects.create(
                quarter="2024-Q4",
                code="KH-D2",
                dimension="D2",
                value=75,
                trigger="scheduled",
                computed_at=timezone.now(),
            ),
            "auth.user": officer_a,
            "account.emailaddress": EmailAddress.objects.create(
                user=officer_a, email=officer_a.email, primary=True, verified=True
            ),
        },
    )
    for module in access_modules().values():
        if hasattr(module, "samples"):
            samples.objects.update(module.samples())
    return samples


def sample_object(samples, model):
    label = f"{model._meta.app_label}.{model._meta.model_name}"
    obj = samples.objects.get(label) or model._default_manager.order_by("pk").first()
    assert obj is not None, f"Add a sample {label} to the `samples` fixture of the access matrix."
    if hasattr(obj, "history") and not obj.history.exists():
        obj.save()  # reference data loaded by a migration has no history row yet
    return obj


def model_url(name, view, obj):
    if view in {"changelist", "add", "import", "process_import", "export"}:
        return reverse(name)
    if view == "simple_history":
        return reverse(name, args=[obj.pk, obj.history.latest().history_id])
    if view == "password_change":
        return reverse(name, args=[obj.pk])
    if view == "publication":
        return reverse(name, args=[obj.pk, "publish_now"])
    return reverse(name, args=[obj.pk])


def clients_by_persona(personas, staff_without_mfa):
    clients = {}
    for persona, user in {**personas, "staff_without_mfa": staff_without_mfa}.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        clients[persona] = (client, user)
    return clients


def test_it_gives_every_persona_the_expected_answer(personas, staff_without_mfa, samples):
    clients = clients_by_persona(personas, staff_without_mfa)
    mismatches = []
    for name, table in EXPECTED.items():
        kwargs = SAMPLE_KWARGS.get(name, lambda s: {})(samples)
        url = reverse(name, kwargs=kwargs)
        for persona, expected in table.items():
            client, _user = clients[persona]
            got = observe(client, url)
            if got != expected_location(expected):
                mismatches.append(f"{persona} GET {url} ({name}): expected {expected}, got {got}")
    assert not mismatches, "\n".join(mismatches)


def test_it_answers_account_pages_alike_for_every_role(personas, staff_without_mfa, samples):
    clients = clients_by_persona(personas, staff_without_mfa)
    kind = {"citizen": A, "staff_without_mfa": N} | dict.fromkeys(STAFF, S)
    mismatches = []
    for name, table in ACCOUNT_EXPECTED.items():
        url = reverse(name, kwargs=SAMPLE_KWARGS.get(name, lambda s: {})(samples))
        for persona, (client, _user) in clients.items():
            expected = table[kind[persona]]
            got = observe(client, url)
            if got != expected_location(expected):
                mismatches.append(f"{persona} GET {url} ({name}): expected {expected}, got {got}")
    assert not mismatches, "\n".join(mismatches)


def test_it_opens_each_admin_page_only_to_those_with_the_model_permission(
    personas, staff_without_mfa, samples
):
    clients = clients_by_persona(personas, staff_without_mfa)
    factory = RequestFactory()
    mismatches = []
    for name, (model_admin, view) in sorted(admin_model_urls().items(), key=lambda i: i[0]):
        if name in EXPECTED:
            continue
        model = model_admin.model
        obj = sample_object(samples, model)
        url = model_url(name, view, obj)
        for persona, (client, user) in clients.items():
            if user is None:
                expected = SIGN_IN
            elif persona == "staff_without_mfa":
                expected = MFA_SETUP
            else:
                request = factory.get(url)
                request.user = user
                if view in POST_ONLY:
                    expected = 405
                    if not POST_ONLY[view](model_admin, request, obj):
                        status = client.post(url).status_code
                        if status != 403:
                            mismatches.append(f"{persona} POST {url}: expected 403, got {status}")
                else:
                    allowed = _admin_allows(view, model_admin, request, obj)
                    perms = [
                        f"{model._meta.app_label}.{action}_{model._meta.model_name}"
                        for action in VIEW_PERMISSION[view]
                    ]
                    if allowed and not any(user.has_perm(p) for p in perms):
                        mismatches.append(f"{name} opens to {persona} without any of {perms}")
                    expected = 200 if allowed else 403
                    if (
                        allowed
                        and view in OBJECT_VIEWS
                        and not in_queryset(model_admin, request, obj)
                    ):
                        # A unit-scoped object of another unit: the admin says it does not exist.
                        expected = reverse("admin:index")
            got = observe(client, url)
            if got != expected:
                mismatches.append(f"{persona} GET {url} ({name}): expected {expected}, got {got}")
    assert not mismatches, "\n".join(mismatches)


def test_it_checks_the_admin_rules_against_real_permissions(officer_a, leader, samples):
    """The rule is not vacuous: a leader reads units but cannot add one; an officer reads none."""
    leader_client, officer_client = Client(), Client()
    leader_client.force_login(leader)
    officer_client.force_login(officer_a)
    assert leader_client.get(reverse("admin:portal_unit_changelist")).status_code == 200
    assert leader_client.get(reverse("admin:portal_unit_add")).status_code == 403
    assert officer_client.get(reverse("admin:portal_unit_changelist")).status_code == 403
