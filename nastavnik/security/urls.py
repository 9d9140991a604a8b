from django.urls import path

from nastavnik.security import views

urlpatterns = [
    path("<slug:code>/", views.org_events, name="security_events"),
]
