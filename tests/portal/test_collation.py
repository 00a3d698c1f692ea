"""Names sort in Vietnamese alphabetical order, on PostgreSQL (ICU) and on SQLite alike."""

import random

import pytest
from django.urls import reverse

from portal.collation import vi_key, vi_order
from tests.transparency.factories import DocumentFactory, FieldFactory
from transparency.models import Field, Issuer, Ward

# In Vietnamese order: a < ă < â, d < đ, tones only break ties, letters before case.
ORDERED = [
    "An Giang",
    "Ăn uống",
    "Âm thanh",
    "Bắc Giang",
    "Bình Dương",
    "Cải cách hành chính",
    "Cao Bằng",
    "Công nghiệp",
    "Cơ khí",
    "Dầu khí",
    "Dương Nội",
    "Đà Nẵng",
    "Đầu tư",
    "Điện",
    "Ê-đê",
    "Giá",
    "Hà Giang",
    "Hóa chất",
    "Khiếu nại",
    "Ôn tập",
    "Ơn nghĩa",
    "Phòng cháy",
    "Ủy ban",
    "Ưu tiên",
    "Xăng dầu",
]


def test_the_python_key_sorts_in_vietnamese_order():
    shuffled = ORDERED[:]
    random.Random(8).shuffle(shuffled)
    assert sorted(shuffled, key=vi_key) == ORDERED
    # Tones break ties: ngang, huyền, hỏi, ngã, sắc, nặng.
    assert sorted(["ma", "mạ", "má", "mã", "mả", "mà"], key=vi_key) == [
        "ma",
        "mà",
        "mả",
        "mã",
        "má",
        "mạ",
    ]


@pytest.mark.django_db
def test_the_database_sorts_names_as_the_python_key_does():
    names = ORDERED[:]
    random.Random(4).shuffle(names)
    Ward.objects.bulk_create(Ward(name=name) for name in names)

    assert list(Ward.objects.values_list("name", flat=True)) == ORDERED
    assert (
        list(
            Ward.objects.order_by(vi_order("name", descending=True)).values_list("name", flat=True)
        )
        == ORDERED[::-1]
    )


@pytest.mark.django_db
def test_the_document_list_offers_fields_and_issuers_in_vietnamese_order(client):
    for name in ["Điện", "Công nghiệp", "Đầu tư", "Cải cách hành chính"]:
        DocumentFactory(fields=[FieldFactory(name=name)])
    for name in ["Ủy ban nhân dân tỉnh Bình Dương", "Ủy ban nhân dân tỉnh Bắc Giang"]:
        DocumentFactory(issuer=name)

    page = client.get(reverse("transparency:document_list")).content.decode()

    def positions(names):
        return [page.index(f">{name}</option>") for name in names]

    fields = ["Cải cách hành chính", "Công nghiệp", "Đầu tư", "Điện"]
    assert positions(fields) == sorted(positions(fields))
    issuers = ["Ủy ban nhân dân tỉnh Bắc Giang", "Ủy ban nhân dân tỉnh Bình Dương"]
    assert positions(issuers) == sorted(positions(issuers))
    assert list(Field.objects.values_list("name", flat=True)) == fields
    assert list(Issuer.objects.values_list("name", flat=True))[:2] == issuers
