from django.urls import path

from nastavnik.surveys import fill, views

urlpatterns = [
    path("", views.survey_list, name="surveys"),
    path("new/", views.survey_create, name="survey_create"),
    path("<int:pk>/", views.survey_build, name="survey_build"),
    path("<int:pk>/settings/", views.survey_settings, name="survey_settings"),
    path("<int:pk>/publish/", views.survey_publish, name="survey_publish"),
    path("<int:pk>/copy/", views.survey_copy, name="survey_copy"),
    path("<int:pk>/preview/", views.survey_preview, name="survey_preview"),
    path("<int:pk>/responses/", views.survey_responses, name="survey_responses"),
    path("<int:pk>/invite/", views.survey_invite, name="survey_invite"),
    path("<int:pk>/sections/add/", views.section_add, name="survey_section_add"),
    path("<int:pk>/questions/add/", views.question_add, name="survey_question_add"),
    path("sections/<int:pk>/edit/", views.section_edit, name="survey_section_edit"),
    path("sections/<int:pk>/delete/", views.section_delete, name="survey_section_delete"),
    path("questions/<int:pk>/edit/", views.question_edit, name="survey_question_edit"),
    path("questions/<int:pk>/move/", views.question_move, name="survey_question_move"),
    path("questions/<int:pk>/delete/", views.question_delete, name="survey_question_delete"),
    path("responses/<int:pk>/", views.response_detail, name="survey_response"),
    path("invitations/<int:pk>/", views.invitation_detail, name="survey_invitation"),
    path("my/", fill.my_surveys, name="survey_my"),
    path("my/<int:pk>/", fill.my_fill, name="survey_my_fill"),
    path("thanks/", fill.thanks, name="survey_thanks"),
]
