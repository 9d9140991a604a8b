from django.urls import path

from nastavnik.dashboard import appointment_views
from nastavnik.dashboard import org_views as views

urlpatterns = [
    path("", views.org_list, name="org_list"),
    path("<slug:code>/", views.org_detail, name="org"),
    path("<slug:code>/appointments/", appointment_views.org_appointments, name="org_appointments"),
]
