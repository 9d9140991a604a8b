from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("orgs/", include("nastavnik.orgs.urls")),
    path("people/", include("nastavnik.people.urls")),
    path("programs/", include("nastavnik.programs.urls")),
    path("mentorships/", include("nastavnik.mentorships.urls")),
    path("documents/", include("nastavnik.documents.urls")),
    path("", include("nastavnik.dashboard.urls")),
]
