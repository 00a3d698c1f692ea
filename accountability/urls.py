from django.urls import path

from . import views

app_name = "accountability"

R = "tiep-cong-dan/"

urlpatterns = [
    path(R, views.reception_calendar, name="reception_calendar"),
    path(R + "thang/<int:year>/<int:month>/", views.reception_month, name="reception_month"),
    path(R + "lich/<slug:slug>.ics", views.reception_ical, name="reception_ical"),
    path(R + "dat-lich/", views.booking_create, name="booking_create"),
    path(R + "dat-lich/ma/<str:token>/", views.booking_detail, name="booking_detail"),
    path(R + "dat-lich/ma/<str:token>/huy/", views.booking_cancel, name="booking_cancel"),
    path(
        R + "so-tiep-cong-dan/<int:year>/<int:month>/", views.visit_ledger, name="visit_ledger"
    ),
]
