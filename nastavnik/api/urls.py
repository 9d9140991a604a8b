from django.urls import path

from nastavnik.api import views
from nastavnik.api.v1 import api

urlpatterns = [
    path("v1/", api.urls),
    path("tokens/", views.tokens, name="api_tokens"),
    path("tokens/<int:pk>/revoke/", views.revoke, name="api_token_revoke"),
]
