from django.urls import path

from nastavnik.matching import views

urlpatterns = [
    path("", views.index, name="matching"),
    path("<slug:org>/", views.session_list, name="matching_sessions"),
    path("sessions/<int:pk>/", views.session_detail, name="matching_session"),
    path("sessions/<int:pk>/participants/", views.participants, name="matching_participants"),
    path("sessions/<int:pk>/rotation/", views.rotation_page, name="matching_rotation"),
    path("sessions/<int:pk>/rotation/print/", views.rotation_print, name="matching_rotation_print"),
    path("sessions/<int:pk>/cards/", views.cards, name="matching_cards"),
    path("sessions/<int:pk>/cards/<int:card_pk>/", views.card_enter, name="matching_card_enter"),
    path("sessions/<int:pk>/proposals/", views.proposals, name="matching_proposals"),
    path("sessions/<int:pk>/decisions/", views.decision, name="matching_decision"),
    path("sessions/<int:pk>/mentees/<int:mentee_pk>/keep-searching/", views.keep_searching, name="matching_keep"),
    path("sessions/<int:pk>/confirm/", views.confirm, name="matching_confirm"),
    path("sessions/<int:pk>/order/", views.order, name="matching_order"),
]
