from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from anticorruption import actions
from anticorruption.models import RecruitmentRound, RecruitmentStep

from .helpers import pdf_with_author


def make_tip(content="Nội dung tin báo thử."):
    """A report and its receipt."""
    return actions.tip_create(content=content)


def make_round(*, slug="tuyen-dung-thu", published=True, **fields):
    defaults = {"title": "Tuyển dụng viên chức thử", "summary": "02 chỉ tiêu.", "year": 2026}
    round_ = RecruitmentRound.objects.create(slug=slug, **(defaults | fields))
    if published:
        round_.publication = "published"
        round_.published_at = timezone.now() - timedelta(days=1)
        round_.save()
    return round_


def make_step(round_, kind, held_on, *, published=True, closes_on=None, document=True, **fields):
    step = RecruitmentStep(round=round_, kind=kind, held_on=held_on, closes_on=closes_on, **fields)
    if document:
        step.document.save("buoc.pdf", ContentFile(pdf_with_author("Ký số")), save=False)
    if published:
        step.publication = "published"
        step.published_at = timezone.now() - timedelta(hours=1)
    step.save()
    return step


def make_application(round_, *, status="submitted", **fields):
    from datetime import date

    from anticorruption.models import Application, ApplicationDocument

    defaults = {
        "code": f"TD2026-{Application.objects.count() + 1:06d}",
        "full_name": "Nguyễn Thị Lan",
        "birth_date": date(1998, 3, 27),
        "email": "lan@example.vn",
        "phone": "0912 345 678",
        "position": "Chuyên viên",
        "qualifications": "Cử nhân kinh tế.",
        "consent_at": timezone.now(),
        "status": status,
    }
    application = Application.objects.create(round=round_, **(defaults | fields))
    document = ApplicationDocument(application=application, name="bang.pdf")
    document.file.save("bang.pdf", ContentFile(pdf_with_author("x")), save=True)
    return application
