"""Demo data: two recruitment rounds at different steps (one with a late step), and anonymous
reports in every status, sealed with a demo key pair. Idempotent.

Outside production the key pair is written next to ANTICORRUPTION_PRIVATE_KEY_FILE (the private
key protected by DEMO_PASSPHRASE, the public key in a `.pub` file beside it); the command prints
how to open it. In production no demo key is made: reports are seeded only when the configured
public key exists, and can be read only with the real key.
"""

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone

from portal.demo import DemoStep
from portal.pdf import write_pdf
from portal.publishing import item_publish
from portal.search import index_object

from . import actions, crypto, selectors
from .models import RecruitmentRound, RecruitmentStep, Tip

DEMO_PASSPHRASE = "thanh-tra-demo"  # noqa: S105 (the demo key only; printed by seed_demo)

Kind = RecruitmentStep.Kind

ROUNDS = [
    (
        "tuyen-dung-vien-chuc-trung-tam-khuyen-cong-2026",
        "Tuyển dụng viên chức Trung tâm Khuyến công và Tư vấn phát triển công nghiệp năm 2026",
        "03 chỉ tiêu: 02 viên chức chuyên ngành công thương (hạng III), 01 kế toán viên. "
        "Hình thức: thi tuyển. Điện thoại liên hệ: 0208 3855 123 (bà Nguyễn Thu Trang).",
        # (kind, days from today, closes after days, published)
        [
            (Kind.PLAN, -60, None, True),
            (Kind.NOTICE, -20, None, True),
            (Kind.REGISTRATION, -20, 10, True),
        ],
    ),
    (
        "xet-tuyen-vien-chuc-trung-tam-xuc-tien-thuong-mai-2026",
        "Xét tuyển viên chức Trung tâm Xúc tiến thương mại năm 2026",
        "02 chỉ tiêu viên chức xúc tiến thương mại (hạng III). Hình thức: xét tuyển.",
        [
            (Kind.PLAN, -150, None, True),
            (Kind.NOTICE, -120, None, True),
            (Kind.REGISTRATION, -120, -90, True),
            (Kind.ELIGIBLE, -84, None, True),
            (Kind.EXAM_NOTICE, -70, None, True),
            (Kind.EXAM, -60, None, True),
            # The results are not published: the overview shows the step late.
            (Kind.RESULTS, -30, None, False),
        ],
    ),
]

REPORTS = [
    (
        Tip.Status.RECEIVED,
        "Cán bộ tiếp nhận hồ sơ cấp giấy phép bán lẻ rượu gợi ý nộp thêm tiền ngoài lệ phí "
        "để hồ sơ được giải quyết nhanh (tháng này, tại bộ phận một cửa).",
    ),
    (
        Tip.Status.VERIFYING,
        "Đoàn kiểm tra thị trường bỏ qua vi phạm của một cửa hàng xăng dầu sau khi nhận phong bì.",
    ),
    (
        Tip.Status.REFERRED,
        "Nghi vấn thông thầu trong gói thầu mua sắm thiết bị khuyến công năm trước.",
    ),
    (Tip.Status.CONCLUDED, "Cán bộ sử dụng xe công vào việc riêng vào cuối tuần."),
    (Tip.Status.CLOSED, "Phản ánh chung chung, không có thông tin cụ thể để xác minh."),
]


def _demo_key(stdout) -> bool:
    if crypto.channel_ready():
        return True
    if settings.PRODUCTION or not settings.ANTICORRUPTION_PRIVATE_KEY_FILE:
        return False
    path = Path(settings.ANTICORRUPTION_PRIVATE_KEY_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    pem, public = crypto.generate_key_pair(DEMO_PASSPHRASE)
    path.write_bytes(pem)
    path.chmod(0o600)
    path.with_suffix(".pub").write_text(public + "\n")
    return True


def _seed_rounds():
    today = timezone.localdate()
    for slug, title, summary, steps in ROUNDS:
        round_, _created = RecruitmentRound.objects.get_or_create(
            slug=slug,
            defaults={"title": title, "summary": summary, "year": today.year},
        )
        if round_.publication != "published":
            # Published through portal.publishing, dated back to the round's plan.
            round_.publish_at = timezone.now() - timedelta(days=-steps[0][1])
            item_publish(item=round_)
        for kind, days, closes, published in steps:
            held_on = today + timedelta(days=days)
            step, created = RecruitmentStep.objects.get_or_create(
                round=round_,
                kind=kind,
                defaults={
                    "held_on": held_on,
                    "closes_on": today + timedelta(days=closes) if closes is not None else None,
                    "body": str(Kind(kind).label),
                },
            )
            if created:
                pdf = write_pdf(
                    render_to_string(
                        "anticorruption/step_document_demo.html", {"round": round_, "step": step}
                    )
                )
                step.document.save(f"{slug}-{kind}.pdf", ContentFile(pdf), save=False)
                step.save()
                if published:
                    step.publish_at = timezone.now() - timedelta(days=max(-days, 0))
                    item_publish(item=step)
        index_object(round_)


KC = "Chuyên viên khuyến công"
XTTM = "Viên chức xúc tiến thương mại"
APPLICANTS = [
    # (round index, code, name, birth date, position, status, reason)
    (0, "TD2026-DEMO01", "Nguyễn Thu Hà", (1997, 5, 12), KC, "submitted", ""),
    (0, "TD2026-DEMO02", "Trần Quốc Bảo", (1995, 11, 3), "Kế toán viên", "submitted", ""),
    (1, "TD2026-DEMO03", "Lê Minh Châu", (1996, 2, 20), XTTM, "eligible", ""),
    (1, "TD2026-DEMO04", "Phạm Đức Anh", (1994, 8, 9), XTTM, "eligible", ""),
    (
        1, "TD2026-DEMO05", "Hoàng Thị Yến", (2001, 1, 30), XTTM,
        "ineligible", "Chưa có bằng tốt nghiệp đại học đúng chuyên ngành theo thông báo.",
    ),
]  # fmt: skip


def _seed_applications():
    from datetime import date

    from .models import Application

    rounds = [RecruitmentRound.objects.get(slug=slug) for slug, *_rest in ROUNDS]
    for index, code, name, born, position, status, reason in APPLICANTS:
        application, created = Application.objects.get_or_create(
            code=code,
            defaults={
                "round": rounds[index],
                "full_name": name,
                "birth_date": date(*born),
                "email": f"{code.lower()}@example.vn",
                "phone": "0912 345 678",
                "position": position,
                "qualifications": "Cử nhân kinh tế đối ngoại; chứng chỉ tin học cơ bản.",
                "status": status,
                "reason": reason,
                "consent_at": timezone.now(),
                "reviewed_at": timezone.now() if status != "submitted" else None,
            },
        )
        if created:
            _mark_told(application)


def _mark_told(application):
    """A demo candidate counts as told of the steps already published (no mail is sent to the
    demo addresses when the seed commits)."""
    from .models import StepMailing
    from .step_mail import recipients

    for step in application.round.steps.public():
        if recipients(step).filter(pk=application.pk).exists():
            StepMailing.objects.create(step=step, application=application)


def _seed_reports():
    if Tip.objects.exists():
        return
    today = timezone.localdate()
    for offset, (status, content) in enumerate(REPORTS):
        tip, _receipt = actions.tip_create(content=content)
        tip.received_on = today - timedelta(days=10 * offset + 3)
        tip.due_on = selectors.limit_end(actions.FIRST_HANDLING_LIMIT, tip.received_on)
        tip.save()
        if status != Tip.Status.RECEIVED:
            actions.inspector_answer(
                tip=tip,
                body="Thanh tra Sở đã tiếp nhận thông tin. Đề nghị cung cấp thêm thời gian, "
                "địa điểm cụ thể nếu có.",
                user=None,
            )
        path = {
            Tip.Status.RECEIVED: [],
            Tip.Status.VERIFYING: [Tip.Status.VERIFYING],
            Tip.Status.REFERRED: [Tip.Status.REFERRED],
            Tip.Status.CONCLUDED: [Tip.Status.VERIFYING, Tip.Status.CONCLUDED],
            Tip.Status.CLOSED: [Tip.Status.CLOSED],
        }[status]
        for step in path:
            actions.status_change(
                tip=tip,
                status=step,
                user=None,
                referred_to="Công an tỉnh" if step == Tip.Status.REFERRED else "",
            )


def seed(stdout=None):
    _seed_rounds()
    _seed_applications()
    if not _demo_key(stdout):
        return
    _seed_reports()
    if stdout is not None and not settings.PRODUCTION:
        stdout.write(
            "Anonymous reports are sealed with the demo key "
            f"{settings.ANTICORRUPTION_PRIVATE_KEY_FILE}: sign in as the inspector, open "
            f"/quan-tri/to-giac/khoa/ and enter the passphrase {DEMO_PASSPHRASE!r}."
        )


STEPS = [DemoStep("anticorruption", seed, after=("portal",))]
