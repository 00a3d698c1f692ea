"""Demo data, declared by each app in its `demo.py` as `STEPS = [DemoStep(name, seed,
after=...)]`; `manage.py seed_demo` runs every step after the steps it names. Each seed must be
idempotent (get_or_create / update_or_create on natural keys) so the command can run again.

This module also declares the portal's own steps: the department, its units and one demo
account per role first; the PAPI plan; and, after every other step, the indicator values
measured on everything the apps seeded.
"""

from collections.abc import Callable
from dataclasses import dataclass

from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from . import roles
from .discovery import declarations
from .models import DepartmentProfile, Unit

# In `after`: the step runs once every other step (that does not also say so) has run.
EVERY_OTHER_STEP = "*"


@dataclass(frozen=True)
class DemoStep:
    name: str
    seed: Callable  # seed(stdout)
    after: tuple[str, ...] = ()  # names of the steps whose data this one needs


def ordered_steps() -> list[DemoStep]:
    """Every app's steps, each after those it names; otherwise in the order declared."""
    return in_order([step for _app, declared in declarations("demo", "STEPS") for step in declared])


def in_order(steps: list[DemoStep]) -> list[DemoStep]:
    names = {step.name for step in steps}
    if len(names) < len(steps):
        raise ImproperlyConfigured("Two demo steps have the same name.")
    last = {step.name for step in steps if EVERY_OTHER_STEP in step.after}
    needs = {
        step.name: (names - last - {step.name})
        if step.name in last
        else set(step.after) - {EVERY_OTHER_STEP}
        for step in steps
    }
    for name, needed in needs.items():
        if needed - names:
            raise ImproperlyConfigured(
                f"The demo step {name} needs unknown steps {needed - names}."
            )
    ordered, done = [], set()
    while len(ordered) < len(steps):
        ready = [s for s in steps if s.name not in done and needs[s.name] <= done]
        if not ready:
            raise ImproperlyConfigured("The demo steps depend on each other in a circle.")
        ordered.append(ready[0])
        done.add(ready[0].name)
    return ordered


DEMO_PASSWORD = "demo-SoCongThuong-2026"  # noqa: S105  (printed on purpose: demo data only)
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105

UNITS = [
    ("van-phong", "Văn phòng Sở", "vanphong@congthuong.example.vn", "0208 3855 112"),
    ("thanh-tra", "Thanh tra Sở", "thanhtra@congthuong.example.vn", "0208 3855 113"),
    (
        "quan-ly-thuong-mai",
        "Phòng Quản lý thương mại",
        "thuongmai@congthuong.example.vn",
        "0208 3855 114",
    ),
    (
        "quan-ly-nang-luong",
        "Phòng Quản lý năng lượng",
        "nangluong@congthuong.example.vn",
        "0208 3855 115",
    ),
    (
        "quan-ly-cong-nghiep",
        "Phòng Quản lý công nghiệp",
        "congnghiep@congthuong.example.vn",
        "0208 3855 116",
    ),
    (
        "ke-hoach-tai-chinh",
        "Phòng Kế hoạch - Tài chính",
        "khtc@congthuong.example.vn",
        "0208 3855 117",
    ),
]

# (email, Họ Đệm Tên, roles, unit code, what the account can do: printed by seed_demo)
STAFF = [
    (
        "quantri@congthuong.example.vn",
        "Nguyễn Văn Quản",
        [roles.ADMINISTRATOR],
        "van-phong",
        "everything, including staff accounts, roles and units",
    ),
    (
        "lanhdao@congthuong.example.vn",
        "Trần Thị Thu Hà",
        [roles.LEADERSHIP],
        "van-phong",
        "the PAPI plan and its targets, indicators, the quarterly reports (/bao-cao/)",
    ),
    (
        "bientap@congthuong.example.vn",
        "Lê Minh Tuấn",
        [roles.EDITOR],
        "van-phong",
        "documents, plannings and law dissemination: add, edit, publish, import",
    ),
    (
        "thutuc@congthuong.example.vn",
        "Phạm Thị Lan",
        [roles.PROCEDURES_OFFICER],
        "quan-ly-thuong-mai",
        "drafts the documents procedures rest on (an editor publishes them)",
    ),
    (
        "tiepdan@congthuong.example.vn",
        "Hoàng Văn Sơn",
        [roles.RECEPTION_OFFICER],
        "van-phong",
        "citizen reception; progress on the PAPI plan tasks of the unit",
    ),
    (
        "thanhtra@congthuong.example.vn",
        "Đặng Quang Dũng",
        [roles.INSPECTOR],
        "thanh-tra",
        "inspections; progress on the PAPI plan tasks of the unit",
    ),
    (
        "tuyendung@congthuong.example.vn",
        "Vũ Thị Ngọc Mai",
        [roles.RECRUITMENT_OFFICER],
        "van-phong",
        "recruitment rounds; progress on the PAPI plan tasks of the unit",
    ),
]


def sign_in_help() -> str:
    """Every demo account with its role and what it can do, and how to get the two-step
    verification code: what `seed_demo` prints, so that `make run` shows it."""
    width = max(len(email) for email, *_rest in STAFF)
    lines = [f"Demo staff accounts (demo data only), all with the password {DEMO_PASSWORD}:"]
    for email, _name, role_names, _unit, can in STAFF:
        role = ", ".join(str(roles.ROLE_LABELS[r]) for r in role_names)
        lines.append(f"  {email:<{width}}  {role}: {can}")
    lines.append(
        "Two-step verification code (the same for every account): "
        ".venv/bin/python manage.py demo_totp "
        f"(or add the secret {DEMO_TOTP_SECRET} to an authenticator app)."
    )
    return "\n".join(lines)


def seed(stdout=None) -> None:
    DepartmentProfile.objects.update_or_create(
        pk=1,
        defaults={
            "name": "Sở Công Thương tỉnh Thái Nguyên",
            "province": "Thái Nguyên",
            "papi_province": "Thái Nguyên",
            "address": "Số 8, đường Đội Cấn, phường Phan Đình Phùng, tỉnh Thái Nguyên",
            "hotline": "0208 3855 111",
            "email": "socongthuong@thainguyen.example.vn",
        },
    )
    cache.delete(DepartmentProfile.CACHE_KEY)
    units = {}
    for order, (code, name, email, phone) in enumerate(UNITS):
        units[code], _ = Unit.objects.update_or_create(
            code=code, defaults={"name": name, "email": email, "phone": phone, "order": order}
        )
    User = get_user_model()
    for email, full_name, role_names, unit_code, _can in STAFF:
        family, given = full_name.split(" ", 1)
        user, created = User.objects.get_or_create(
            username=email,
            defaults={
                "email": email,
                "first_name": given,
                "last_name": family,
                "is_staff": True,
                "is_superuser": roles.ADMINISTRATOR in role_names,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()

            TOTP.activate(user, DEMO_TOTP_SECRET)
        user.groups.set(Group.objects.filter(name__in=role_names))
        units[unit_code].members.add(user)


STEPS = [DemoStep("portal", seed)]
