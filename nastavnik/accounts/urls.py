from django.urls import path

from nastavnik.accounts import views

urlpatterns = [
    path("person/<int:pk>/invite/", views.person_invite, name="account_invite"),
    path("person/<int:pk>/slip/", views.person_slip, name="account_slip"),
    path("person/<int:pk>/disable/", views.person_disable, name="account_disable"),
    path("bulk/", views.bulk_issue, name="accounts_bulk"),
    path("municipality/<int:pk>/organizations/new/", views.municipal_org_add, name="municipal_org_add"),
    path("password/", views.password_first, name="password_first"),
    path("two-factor/setup/", views.otp_setup, name="otp_setup"),
    path("two-factor/", views.otp_verify, name="otp_verify"),
    # Public (no login): Django's password-reset views; invitation links land on `password_reset_confirm`.
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/sent/", views.password_reset_done, name="password_reset_done"),
    path("set/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("set/done/", views.password_reset_complete, name="password_reset_complete"),
]
