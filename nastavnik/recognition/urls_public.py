from django.urls import path

from nastavnik.recognition import views_public as views

urlpatterns = [
    path("m/<int:pk>/", views.public_municipality, name="public_municipality"),
    path("<slug:code>/", views.public_org, name="public_org"),
    path("<slug:code>/practices/<int:pk>/", views.public_practice, name="public_practice"),
    path("<slug:code>/honour/<int:pk>/photo.jpg", views.public_honour_photo, name="public_honour_photo"),
    path("<slug:code>/news/<int:pk>/", views.public_news, name="public_news"),
]
