from django.urls import path

from . import views

app_name = "papi"

urlpatterns = [
    # The PAPI plan tracker (staff) and the quarterly reports (leadership).
    path("quan-tri/ke-hoach-papi/", views.plan_overview, name="plan_overview"),
    path("quan-tri/ke-hoach-papi/nhiem-vu/", views.plan_task_list, name="plan_task_list"),
    path(
        "quan-tri/ke-hoach-papi/nhiem-vu/<int:pk>/",
        views.plan_task_detail,
        name="plan_task_detail",
    ),
    path(
        "quan-tri/ke-hoach-papi/nhiem-vu/<int:pk>/sua/",
        views.plan_task_edit,
        name="plan_task_edit",
    ),
    path(
        "quan-tri/ke-hoach-papi/nhiem-vu/<int:pk>/cap-nhat/",
        views.task_update_create,
        name="task_update_create",
    ),
    path(
        "quan-tri/ke-hoach-papi/minh-chung/<int:pk>/",
        views.evidence_download,
        name="evidence_download",
    ),
    path("quan-tri/ke-hoach-papi/chi-so/", views.indicator_list, name="indicator_list"),
    path(
        "quan-tri/ke-hoach-papi/chi-so/<str:code>/",
        views.indicator_detail,
        name="indicator_detail",
    ),
    path("bao-cao/", views.report_list, name="report_list"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report_detail"),
    path("bao-cao/<int:pk>/tai-ve/", views.report_download, name="report_download"),
    path("bao-cao/xem-truoc/<str:quarter>/", views.report_preview, name="report_preview"),
]
