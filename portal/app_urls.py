from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("tim-kiem/", views.search, name="search"),
    path("chi-so-papi/", views.papi_scores, name="papi_scores"),
    path("tuyen-bo-tiep-can/", views.accessibility, name="accessibility"),
    path("chinh-sach-bao-mat/", views.privacy, name="privacy"),
    # Before the admin's own URLs, which would otherwise take this path.
    path("quan-tri/tong-quan/", views.dashboard, name="dashboard"),
]
