from django.urls import path

from nastavnik.municipal import views

urlpatterns = [
    path("", views.municipal_home, name="municipal"),
    path("<int:pk>/", views.overview, name="municipal_overview"),
    path("<int:pk>/indicators/", views.indicators, name="municipal_indicators"),
    path("<int:pk>/export.xlsx", views.export, name="municipal_export"),
    path("roadmaps/<int:pk>/remark/", views.remark, name="municipal_remark"),
    path("remarks/<int:pk>/close/", views.remark_close, name="municipal_remark_close"),
    path("orgs/<slug:code>/headcount/", views.headcount, name="municipal_headcount"),
]
