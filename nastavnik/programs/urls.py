from django.urls import path

from nastavnik.programs import views

urlpatterns = [
    path("", views.program_list, name="programs"),
    path("<int:pk>/", views.program_detail, name="program"),
]
