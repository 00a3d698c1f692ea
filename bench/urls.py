from django.shortcuts import render
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def minimal(request):
    return render(request, "bench/minimal.html", {"title": "Trang tối thiểu"})


urlpatterns = [path("bench/minimal/", minimal), *portal_urlpatterns]
