from django.urls import path

from nastavnik import policy
from nastavnik.api import views
from nastavnik.api.v1 import api

v1_patterns, v1_app, v1_namespace = api.urls
for pattern in v1_patterns:
    if pattern.name == "api-root":  # django-ninja's anchor for reversing: always 404, no data, no login
        policy.public(pattern.callback)

urlpatterns = [
    path("v1/docs", views.docs, name="api_docs"),
    path("v1/", (v1_patterns, v1_app, v1_namespace)),
    path("tokens/", views.tokens, name="api_tokens"),
    path("tokens/<int:pk>/revoke/", views.revoke, name="api_token_revoke"),
]
