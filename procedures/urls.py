from django.urls import path

from . import views

app_name = "procedures"

urlpatterns = [
    path("thu-tuc/", views.procedure_list, name="procedure_list"),
    path("thu-tuc/<int:pk>/", views.procedure_detail, name="procedure_detail"),
    path("thu-tuc/<int:pk>/ban-in/", views.procedure_print, name="procedure_print"),
]

urlpatterns += [
    path("tra-cuu-ho-so/", views.dossier_lookup, name="dossier_lookup"),
    path(
        "tra-cuu-ho-so/ho-so/<int:pk>/giay-tiep-nhan.pdf",
        views.dossier_receipt,
        name="dossier_receipt",
    ),
    path(
        "tra-cuu-ho-so/ho-so/<int:pk>/phieu-xin-loi.pdf",
        views.dossier_apology,
        name="dossier_apology",
    ),
]

urlpatterns += [
    path("phan-anh-kien-nghi/", views.feedback_create, name="feedback_create"),
    path("phan-anh-kien-nghi/ma/<str:code>/", views.feedback_status, name="feedback_status"),
    path("phan-anh-kien-nghi/da-tra-loi/", views.answer_list, name="answer_list"),
    path("phan-anh-kien-nghi/da-tra-loi/<int:pk>/", views.answer_detail, name="answer_detail"),
]

urlpatterns += [
    path("tra-cuu-ho-so/danh-gia/<str:token>/", views.dossier_rate, name="dossier_rate"),
    path("thu-tuc/thong-ke/", views.statistics, name="statistics"),
]
