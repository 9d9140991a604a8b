from django.urls import path

from nastavnik.intake import views

urlpatterns = [
    path("", views.index, name="intake"),
    path("<slug:org>/", views.overview, name="intake_overview"),
    # the mentee base
    path("<slug:org>/mentees/", views.mentee_list, name="intake_mentees"),
    path("<slug:org>/mentees/new/", views.request_new, name="intake_request_new"),
    path("requests/<int:pk>/", views.request_detail, name="intake_request"),
    path("requests/<int:pk>/analyse/", views.request_analyse, name="intake_request_analyse"),
    path("requests/<int:pk>/status/", views.request_status, name="intake_request_status"),
    # the mentor base
    path("<slug:org>/mentors/", views.mentor_list, name="intake_mentors"),
    path("<slug:org>/mentors/new/", views.candidate_new, name="intake_candidate_new"),
    path("<slug:org>/invite/<str:kind>/", views.invite, name="intake_invite"),
    path("<slug:org>/responses/<str:kind>/<int:pk>/link/", views.response_link, name="intake_response_link"),
    path("candidates/<int:pk>/", views.candidate_detail, name="intake_candidate"),
    path("candidates/<int:pk>/interview/", views.candidate_interview, name="intake_candidate_interview"),
    path(
        "candidates/<int:pk>/approve/", views.candidate_decide, {"decision": "approve"}, name="intake_candidate_approve"
    ),
    path("candidates/<int:pk>/reject/", views.candidate_decide, {"decision": "reject"}, name="intake_candidate_reject"),
    path("candidates/<int:pk>/agreement/", views.agreement_new, name="intake_agreement_new"),
    path("interviews/<int:pk>/protocol/", views.interview_protocol, name="intake_interview_protocol"),
    path("agreements/<int:pk>/download/", views.agreement_download, name="intake_agreement_download"),
    # selection and the registry
    path("<slug:org>/criteria/", views.criteria, name="intake_criteria"),
    path("<slug:org>/registry/", views.registry, name="intake_registry"),
    # the mentor school
    path("<slug:org>/school/", views.training_list, name="intake_trainings"),
    path("school/<int:pk>/", views.training_detail, name="intake_training"),
    path("school/<int:pk>/order/", views.training_order, name="intake_training_order"),
    path("school/<int:pk>/sessions/", views.session_add, name="intake_session_add"),
    path("school/<int:pk>/enrol/", views.training_enrol, name="intake_enrol"),
    path("school/<int:pk>/attendance/", views.attendance_mark, name="intake_attendance"),
    path("enrolments/<int:pk>/complete/", views.enrolment_complete, name="intake_enrolment_complete"),
]
