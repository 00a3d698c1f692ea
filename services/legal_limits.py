"""The legal limits of the services app, as rows of `portal.LegalLimit` (code, label, value,
unit, citation, verified, note): added by migration 0002, and by the portal after a flush
(portal.reference_data); never overwriting a value staff have corrected."""

POWER_OUTAGE_NOTICE = "power-outage-notice"

# LEGAL.md: the notice before a planned (non-emergency) interruption is commonly cited as at
# least 5 days (Circular 22/2020/TT-BCT); the circular's text was not read, so not checked.
LEGAL_LIMITS = [
    (
        POWER_OUTAGE_NOTICE,
        "Thông báo trước khi ngừng, giảm mức cung cấp điện không khẩn cấp",
        5,
        "calendar_days",
        "Thông tư 22/2020/TT-BCT",
        False,
        "Ít nhất 05 ngày trước thời điểm ngừng cấp điện, theo các nguồn bình luận; chưa đối "
        "chiếu văn bản gốc và văn bản thay thế theo Luật Điện lực 2024 (61/2024/QH15).",
    ),
]
