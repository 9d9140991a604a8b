from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from nastavnik.matching.views import card_public as matching_card_public
from nastavnik.surveys.fill import public_fill as survey_public_fill

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("orgs/", include("nastavnik.dashboard.org_urls")),
    path("people/", include("nastavnik.people.urls")),
    path("programs/", include("nastavnik.programs.urls")),
    path("mentorships/", include("nastavnik.mentorships.urls")),
    path("intake/", include("nastavnik.intake.urls")),
    path("privacy/", include("nastavnik.privacy.urls")),
    path("surveys/", include("nastavnik.surveys.urls")),
    path("documents/", include("nastavnik.documents.urls")),
    path("q/<str:token>/", survey_public_fill, name="survey_public"),
    path("matching/", include("nastavnik.matching.urls")),
    path("card/<str:token>/", matching_card_public, name="matching_card_public"),
    path("municipal/", include("nastavnik.municipal.urls")),  # municipal contour (issue 13)
    path("api/", include("nastavnik.api.urls")),  # REST API and personal tokens (issue 13)
    path("", include("nastavnik.dashboard.urls")),
]
