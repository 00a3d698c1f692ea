from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("tim-kiem/", views.search, name="search"),
    path("chi-so-papi/", views.papi_scores, name="papi_scores"),
    path("tuyen-bo-tiep-can/", views.accessibility, name="accessibility"),
    path("chinh-sach-bao-mat/", views.privacy, name="privacy"),
    # Two-step verification set-up for an account that has none (StaffMFARequiredMiddleware).
    path(
        "tai-khoan/thiet-lap-xac-thuc/",
        views.mfa_enrolment_required,
        name="mfa_enrolment_required",
    ),
    path(
        "tai-khoan/thiet-lap-xac-thuc/<str:token>/",
        views.mfa_enrolment_start,
        name="mfa_enrolment_start",
    ),
    path("so-do-trang/", views.site_map, name="site_map"),
    # Every app's open datasets (<app>/opendata.py), as CSV and JSON files.
    path("du-lieu-mo/", views.open_data, name="open_data"),
    path("du-lieu-mo/<slug:name>.<slug:file_format>", views.open_data_file, name="open_data_file"),
    # Before the admin's own URLs, which would otherwise take this path.
    path("quan-tri/tong-quan/", views.dashboard, name="dashboard"),
]
