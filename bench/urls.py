from django.shortcuts import render
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def minimal(request):
    return render(request, "bench/minimal.html", {"title": "Trang tối thiểu"})


def orm(request):
    """The ORM reference: a plain Django page of three simple queries (twenty rows, a short
    list, a count), as a straightforward view would write it."""
    from transparency.models import Document, Field, Issuer

    return render(
        request,
        "bench/orm.html",
        {
            "title": "Ba truy vấn",
            "documents": list(
                Document.objects.order_by("-id").values_list("id", "number", "summary")[:20]
            ),
            "fields": list(Field.objects.order_by("id").values_list("name", flat=True)),
            "issuers": Issuer.objects.count(),
        },
    )


urlpatterns = [path("bench/minimal/", minimal), path("bench/orm/", orm), *portal_urlpatterns]
