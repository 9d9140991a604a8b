from django.urls import path

from nastavnik.privacy import views

urlpatterns = [
    path("me/", views.my_data, name="privacy_me"),
    path("person/<int:pk>/", views.person_data, name="privacy_person_data"),
    path("person/<int:pk>/export/", views.person_export, name="privacy_person_export"),
    path("person/<int:pk>/consents/", views.person_consents, name="privacy_consents"),
    path("consents/<int:pk>/docx/", views.consent_docx, name="privacy_consent_docx"),
    path("consents/<int:pk>/pdf/", views.consent_pdf, name="privacy_consent_pdf"),
    path("consents/<int:pk>/sign/", views.consent_sign, name="privacy_consent_sign"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="privacy_consent_withdraw"),
    path("org/<slug:code>/consents/", views.org_consents, name="privacy_org_consents"),
    path("org/<slug:code>/audit/", views.org_audit, name="privacy_org_audit"),
    path("org/<slug:code>/destruction/", views.org_destruction, name="privacy_org_destruction"),
    path(
        "org/<slug:code>/destruction/<int:pk>/act.<str:fmt>",
        views.org_destruction_act,
        name="privacy_org_destruction_act",
    ),
]
