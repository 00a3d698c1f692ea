"""The legal limits of cases and explanations that portal/0015 does not hold: the longer
resolution periods for complex or remote cases and the extensions (LEGAL.md). Rows of
`portal.LegalLimit` (code, label, value, unit, citation, verified, note), added by migration
0004, and by the portal after a flush (portal.reference_data); never overwritten."""

LEGAL_LIMITS = [
    (
        "complaint-resolution-first-extended",
        "Giải quyết khiếu nại lần đầu: vụ việc phức tạp hoặc ở vùng sâu, vùng xa",
        45,
        "calendar_days",
        "Điều 28 Luật Khiếu nại số 02/2011/QH13",
        True,
        "Tính từ ngày thụ lý.",
    ),
    (
        "complaint-resolution-first-remote-complex",
        "Giải quyết khiếu nại lần đầu: vụ việc phức tạp ở vùng sâu, vùng xa",
        60,
        "calendar_days",
        "Điều 28 Luật Khiếu nại số 02/2011/QH13",
        True,
        "Tính từ ngày thụ lý.",
    ),
    (
        "complaint-resolution-second-extended",
        "Giải quyết khiếu nại lần hai: vụ việc phức tạp hoặc ở vùng sâu, vùng xa",
        60,
        "calendar_days",
        "Điều 37 Luật Khiếu nại số 02/2011/QH13",
        True,
        "Tính từ ngày thụ lý.",
    ),
    (
        "complaint-resolution-second-remote-complex",
        "Giải quyết khiếu nại lần hai: vụ việc phức tạp ở vùng sâu, vùng xa",
        70,
        "calendar_days",
        "Điều 37 Luật Khiếu nại số 02/2011/QH13",
        True,
        "Tính từ ngày thụ lý.",
    ),
    (
        "denunciation-acceptance-extended",
        "Xử lý ban đầu và quyết định thụ lý tố cáo khi được kéo dài",
        10,
        "working_days",
        "Khoản 1 Điều 24 Luật Tố cáo số 25/2018/QH14",
        True,
        "Trường hợp cần xác minh thông tin về người tố cáo, nhiều địa điểm.",
    ),
    (
        "denunciation-extension",
        "Gia hạn giải quyết tố cáo (mỗi lần)",
        30,
        "calendar_days",
        "Điều 30 Luật Tố cáo số 25/2018/QH14",
        True,
        "Vụ việc phức tạp gia hạn một lần; đặc biệt phức tạp gia hạn hai lần.",
    ),
    (
        "explanation-extension",
        "Gia hạn thực hiện việc giải trình",
        15,
        "calendar_days",
        "Điều 13 Nghị định số 59/2019/NĐ-CP",
        True,
        "Gia hạn một lần, không quá 15 ngày.",
    ),
]
