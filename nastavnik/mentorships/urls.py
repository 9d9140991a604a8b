from django.urls import path

from nastavnik.mentorships import views

urlpatterns = [
    path("", views.mentorship_list, name="mentorships"),
    path("<int:pk>/", views.mentorship_detail, name="mentorship"),
]
