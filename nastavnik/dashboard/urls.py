from django.urls import path

from nastavnik.dashboard import views

urlpatterns = [
    path("", views.home, name="home"),
    path("people/<int:pk>/", views.person_detail, name="person"),
]
