"""The legal time limits the procedures app reads, as rows of `portal.LegalLimit` (code,
label, value, unit, citation, verified, note): added by migration 0004, and by the portal after
a flush (portal.reference_data); never overwriting a value staff have corrected."""

FEEDBACK_HANDLING = "feedback-handling"

LEGAL_LIMITS = [
    (
        FEEDBACK_HANDLING,
        "Xử lý, trả lời phản ánh, kiến nghị về thủ tục hành chính, quy định hành chính",
        15,
        "working_days",
        "Cách tính của Cổng Dịch vụ công quốc gia; Nghị định 20/2008/NĐ-CP "
        "(sửa đổi bởi Nghị định 48/2013/NĐ-CP, 92/2017/NĐ-CP)",
        False,
        "Nghị định 20/2008/NĐ-CP (bản pháp điển) không quy định thời hạn xử lý chung, chỉ "
        "thời hạn chuyển phản ánh không thuộc thẩm quyền (5 ngày làm việc, điểm d khoản 1 "
        "Điều 9). Cổng Dịch vụ công quốc gia tính đúng hạn trong 15 ngày làm việc; chưa tìm "
        "thấy căn cứ pháp lý của con số này, chưa đọc Nghị định 92/2017/NĐ-CP.",
    ),
]
