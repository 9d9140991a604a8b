from django.urls import path

from nastavnik.people import views

urlpatterns = [path("", views.people_list, name="people")]
