from django.contrib.auth import views as auth_views
from django.urls import include, path

from nastavnik import policy
from nastavnik.matching.views import card_public as matching_card_public
from nastavnik.security.forms import ThrottledAuthenticationForm
from nastavnik.surveys.fill import public_fill as survey_public_fill

urlpatterns = [
    path(
        "login/",
        policy.public(
            auth_views.LoginView.as_view(
                redirect_authenticated_user=True, authentication_form=ThrottledAuthenticationForm
            )
        ),
        name="login",
    ),
    path("logout/", policy.public(auth_views.LogoutView.as_view()), name="logout"),
    path("security/", include("nastavnik.security.urls")),
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
    path("accounts/", include("nastavnik.accounts.urls")),
    path("monitoring/", include("nastavnik.monitoring.urls")),
    path("card/<str:token>/", matching_card_public, name="matching_card_public"),
    path("recognition/", include("nastavnik.recognition.urls")),  # recognition
    path("p/", include("nastavnik.recognition.urls_public")),  # recognition: public pages, no login
    path("municipal/", include("nastavnik.municipal.urls")),  # municipal contour (issue 13)
    path("api/", include("nastavnik.api.urls")),  # REST API and personal tokens (issue 13)
    path("", include("nastavnik.dashboard.urls")),
]
