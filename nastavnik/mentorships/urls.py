from django.urls import path

from nastavnik.mentorships import views

urlpatterns = [
    path("", views.mentorship_list, name="mentorships"),
    path("attention/", views.attention, name="mentorship_attention"),
    path("calendar/", views.my_calendar, name="my_calendar"),
    path("calendar/rotate/", views.calendar_rotate, name="calendar_rotate"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("<int:pk>/", views.mentorship_detail, name="mentorship"),
    path("<int:pk>/plan/", views.plan_save, name="plan_save"),
    path("<int:pk>/plan/approve/", views.plan_approve, name="plan_approve"),
    path("<int:pk>/plan.docx", views.plan_download, name="plan_download"),
    path("<int:pk>/plan/activities/", views.activity_add, name="activity_add"),
    path("<int:pk>/plan/activities/<int:activity_pk>/done/", views.activity_done, name="activity_done"),
    path("<int:pk>/wishes/", views.wish_add, name="wish_add"),
    path("<int:pk>/wishes/<int:wish_pk>/delete/", views.wish_delete, name="wish_delete"),
    path("<int:pk>/wishes/<int:wish_pk>/goal/", views.goal_from_wish, name="goal_from_wish"),
    path("<int:pk>/goals/", views.goal_add, name="goal_add"),
    path("<int:pk>/goals/<int:goal_pk>/steps/", views.step_add, name="step_add"),
    path("<int:pk>/steps/<int:step_pk>/done/", views.step_done, name="step_done"),
    path("<int:pk>/meetings/", views.meeting_schedule, name="meeting_schedule"),
    path("<int:pk>/change/", views.change_request_create, name="change_request_create"),
    path("<int:pk>/complete/", views.mentorship_complete, name="mentorship_complete"),
    path("meetings/<int:meeting_pk>/reschedule/", views.meeting_reschedule, name="meeting_reschedule"),
    path("meetings/<int:meeting_pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:meeting_pk>/hold/", views.meeting_hold, name="meeting_hold"),
    path("meetings/<int:meeting_pk>/miss/", views.meeting_miss, name="meeting_miss"),
    path("meetings/<int:meeting_pk>/results/", views.meeting_results, name="meeting_results"),
    path("meetings/<int:meeting_pk>.ics", views.meeting_ics, name="meeting_ics"),
    path("meetings/<int:meeting_pk>/diary/", views.reflection, name="meeting_reflection"),
    path("requests/<int:request_pk>/decide/", views.change_request_decide, name="change_request_decide"),
]
