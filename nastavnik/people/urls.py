from django.urls import path

from nastavnik.people import roster_views, views

urlpatterns = [
    path("", views.people_list, name="people"),
    path("pick/", views.person_pick, name="person_pick"),
]

# Rosters: upload with a preview, confirm, export, blank template.
urlpatterns += [
    path("roster/", roster_views.roster_home, name="roster"),
    path("roster/template.xlsx", roster_views.roster_template_download, name="roster_template"),
    path("roster/<slug:code>/import/", roster_views.roster_import, name="roster_import"),
    path("roster/<slug:code>/import/confirm/", roster_views.roster_import_confirm, name="roster_import_confirm"),
    path("roster/<slug:code>/export.xlsx", roster_views.roster_export, name="roster_export"),
    path("roster/<slug:code>/promote/", roster_views.classes_promotion, name="classes_promotion"),
]
