from django.db import migrations

# LEGAL.md: the notice before a planned (non-emergency) interruption is commonly cited as at
# least 5 days (Circular 22/2020/TT-BCT); the circular's text was not read, so not checked.
CODE = "power-outage-notice"


def add(apps, schema_editor):
    LegalLimit = apps.get_model("portal", "LegalLimit")
    LegalLimit.objects.get_or_create(
        code=CODE,
        defaults={
            "label": "Thông báo trước khi ngừng, giảm mức cung cấp điện không khẩn cấp",
            "value": 5,
            "unit": "calendar_days",
            "citation": "Thông tư 22/2020/TT-BCT",
            "verified": False,
            "note": (
                "Ít nhất 05 ngày trước thời điểm ngừng cấp điện, theo các nguồn bình luận; "
                "chưa đối chiếu văn bản gốc và văn bản thay thế theo Luật Điện lực 2024 "
                "(61/2024/QH15)."
            ),
        },
    )


def remove(apps, schema_editor):
    apps.get_model("portal", "LegalLimit").objects.filter(code=CODE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0001_outages"),
        ("portal", "0015_legal_limits"),
    ]

    operations = [migrations.RunPython(add, remove)]
