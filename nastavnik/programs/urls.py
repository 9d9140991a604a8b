from django.urls import path

from nastavnik.programs import views

urlpatterns = [
    path("", views.program_list, name="programs"),
    path("new/", views.program_create, name="program_create"),
    path("catalog/", views.catalog_page, name="programs_catalog"),
    path("<int:pk>/", views.program_detail, name="program"),
    path("<int:pk>/edit/", views.program_edit, name="program_edit"),
    path("<int:pk>/stage/", views.program_stage, name="program_stage"),
    path("roadmaps/new/", views.roadmap_create, name="roadmap_create"),
    path("roadmaps/<int:pk>/", views.roadmap_detail, name="roadmap"),
    path("roadmaps/<int:pk>/approve/", views.roadmap_approve, name="roadmap_approve"),
    path("roadmaps/<int:pk>/print/", views.roadmap_print, name="roadmap_print"),
    path("roadmaps/<int:pk>/export.xlsx", views.roadmap_export, name="roadmap_export"),
    path("remarks/<int:pk>/resolve/", views.roadmap_remark_resolve, name="roadmap_remark_resolve"),
    path("activities/<int:pk>/status/", views.activity_status, name="activity_status"),
    path("roadmaps/<int:pk>/activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
]
