"""The legal limits of recruitment rounds (Decree 115/2020 as amended by Decree 85/2023) and the
retention period of anonymous reports, as rows of portal.LegalLimit that staff may correct.
Added by migration 0002, and by the portal after a flush (portal.reference_data); never
overwritten."""

from portal.reference_data import load_legal_limits

LEGAL_LIMITS = [
    (
        "recruitment-applications",
        "Nhận Phiếu đăng ký dự tuyển kể từ ngày thông báo tuyển dụng",
        30,
        "calendar_days",
        "Khoản 5 Điều 14 Nghị định số 115/2020/NĐ-CP (sửa đổi bởi Nghị định số 85/2023/NĐ-CP)",
        True,
        "Thời hạn nhận phiếu đăng ký là 30 ngày kể từ ngày thông báo công khai.",
    ),
    (
        "recruitment-ineligible-notice",
        "Thông báo cho người không đủ điều kiện dự tuyển",
        5,
        "working_days",
        "Khoản 2 Điều 15 Nghị định số 115/2020/NĐ-CP",
        True,
        "Tính từ ngày hết hạn nhận Phiếu đăng ký dự tuyển.",
    ),
    (
        "recruitment-exam-after-summons",
        "Tổ chức thi (xét) sau thông báo triệu tập",
        15,
        "calendar_days",
        "Khoản 3 Điều 15 Nghị định số 115/2020/NĐ-CP",
        True,
        "Chậm nhất 15 ngày kể từ ngày thông báo triệu tập thí sinh.",
    ),
    (
        "recruitment-council-report",
        "Hội đồng báo cáo kết quả vòng 2 để công nhận",
        5,
        "working_days",
        "Khoản 1 Điều 16 Nghị định số 115/2020/NĐ-CP",
        True,
        "Tính từ ngày chấm xong vòng 2.",
    ),
    (
        "recruitment-results",
        "Thông báo công khai kết quả tuyển dụng và gửi thông báo cho người trúng tuyển",
        10,
        "calendar_days",
        "Khoản 2 Điều 16 Nghị định số 115/2020/NĐ-CP",
        True,
        "Tính từ ngày có quyết định công nhận kết quả.",
    ),
    (
        "recruitment-review-answer",
        "Trả lời đơn phúc khảo vòng 2 (viết)",
        15,
        "calendar_days",
        "Điểm c khoản 3 Điều 15 Nghị định số 115/2020/NĐ-CP (sửa đổi bởi Nghị định số 85/2023)",
        False,
        "Số ngày thường được trích dẫn theo văn bản năm 2020; nghị định sửa đổi không còn nêu "
        "thời hạn phúc khảo: chưa đối chiếu với văn bản.",
    ),
    (
        "recruitment-file-completion",
        "Người trúng tuyển hoàn thiện hồ sơ",
        30,
        "calendar_days",
        "Khoản 1 Điều 17 Nghị định số 115/2020/NĐ-CP",
        True,
        "Tính từ ngày nhận thông báo kết quả trúng tuyển.",
    ),
    (
        "recruitment-decision",
        "Ra quyết định tuyển dụng",
        15,
        "calendar_days",
        "Điều 18 Nghị định số 115/2020/NĐ-CP",
        True,
        "Tính từ ngày người trúng tuyển hoàn thiện hồ sơ.",
    ),
    (
        "anonymous-report-retention",
        "Lưu giữ nội dung tin báo nặc danh sau khi kết thúc xử lý",
        1825,
        "calendar_days",
        "Quy định nội bộ của Sở (không có văn bản pháp luật quy định thời hạn này)",
        False,
        "Hết thời hạn, nội dung tin báo, tin nhắn, tệp đính kèm và ghi chú bị hủy; nhật ký hủy "
        "được giữ lại.",
    ),
]


def add_missing(LegalLimit) -> None:
    load_legal_limits(LegalLimit, LEGAL_LIMITS)
