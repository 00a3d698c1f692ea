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
