"""The legal time limits the procedures app reads (rows of `portal.LegalLimit`), added by
migration 0004 and again after a test flush (see apps.py); never overwriting a value staff
have corrected."""

LIMIT = {
    "code": "feedback-handling",
    "label": "Xử lý, trả lời phản ánh, kiến nghị về thủ tục hành chính, quy định hành chính",
    "value": 15,
    "unit": "working_days",
    "citation": "Cách tính của Cổng Dịch vụ công quốc gia; Nghị định 20/2008/NĐ-CP "
    "(sửa đổi bởi Nghị định 48/2013/NĐ-CP, 92/2017/NĐ-CP)",
    "verified": False,
    "note": "Nghị định 20/2008/NĐ-CP (bản pháp điển) không quy định thời hạn xử lý chung, chỉ "
    "thời hạn chuyển phản ánh không thuộc thẩm quyền (5 ngày làm việc, điểm d khoản 1 Điều 9). "
    "Cổng Dịch vụ công quốc gia tính đúng hạn trong 15 ngày làm việc; chưa tìm thấy căn cứ "
    "pháp lý của con số này, chưa đọc Nghị định 92/2017/NĐ-CP.",
}


def add_legal_limits(LegalLimit, using="default") -> None:
    LegalLimit.objects.using(using).get_or_create(code=LIMIT["code"], defaults=LIMIT)


def restore_if_missing(sender=None, using="default", **kwargs) -> None:
    from portal.models import LegalLimit

    add_legal_limits(LegalLimit, using)
