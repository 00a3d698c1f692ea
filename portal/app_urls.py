from django.urls import path

from . import views, views_papi

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
    # Before the admin's own URLs, which would otherwise take this path.
    path("quan-tri/tong-quan/", views.dashboard, name="dashboard"),
    # The PAPI plan tracker (staff) and the quarterly reports (leadership).
    path("quan-tri/ke-hoach-papi/", views_papi.plan_overview, name="plan_overview"),
    path("quan-tri/ke-hoach-papi/nhiem-vu/", views_papi.plan_task_list, name="plan_task_list"),
    path(
        "quan-tri/ke-hoach-papi/nhiem-vu/<int:pk>/",
        views_papi.plan_task_detail,
        name="plan_task_detail",
    ),
    path(
        "quan-tri/ke-hoach-papi/nhiem-vu/<int:pk>/sua/",
        views_papi.plan_task_edit,
        name="plan_task_edit",
    ),
    path(
        "quan-tri/ke-hoach-papi/nhiem-vu/<int:pk>/cap-nhat/",
        views_papi.task_update_create,
        name="task_update_create",
    ),
    path(
        "quan-tri/ke-hoach-papi/minh-chung/<int:pk>/",
        views_papi.evidence_download,
        name="evidence_download",
    ),
    path("quan-tri/ke-hoach-papi/chi-so/", views_papi.indicator_list, name="indicator_list"),
    path(
        "quan-tri/ke-hoach-papi/chi-so/<str:code>/",
        views_papi.indicator_detail,
        name="indicator_detail",
    ),
    path("bao-cao/", views_papi.report_list, name="report_list"),
    path("bao-cao/<int:pk>/", views_papi.report_detail, name="report_detail"),
    path("bao-cao/<int:pk>/tai-ve/", views_papi.report_download, name="report_download"),
    path("bao-cao/xem-truoc/<str:quarter>/", views_papi.report_preview, name="report_preview"),
]
