from django.urls import path

from . import views

app_name = "services"

urlpatterns = [
    path("lich-cat-dien/", views.outage_list, name="outage_list"),
    path("lich-cat-dien/<slug:slug>.ics", views.outage_ical, name="outage_ical"),
]
