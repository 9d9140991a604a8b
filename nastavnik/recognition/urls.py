from django.urls import path

from nastavnik.recognition import views

urlpatterns = [
    path("", views.index, name="recognition"),
    path("<slug:org>/", views.overview, name="recognition_overview"),
    path("<slug:org>/my/", views.my_points, name="recognition_my"),
    path("<slug:org>/festivals/", views.festivals, name="recognition_festivals"),
    path("<slug:org>/points/", views.points, name="recognition_points"),
    path("<slug:org>/contests/", views.contests, name="recognition_contests"),
    path("<slug:org>/honour/", views.honour, name="recognition_honour"),
    path("<slug:org>/practices/", views.practices, name="recognition_practices"),
    path("<slug:org>/news/", views.news, name="recognition_news"),
    path("programs/<int:pk>/", views.program_completion, name="recognition_program"),
    path("programs/<int:pk>/closing-meeting/", views.closing_meeting, name="recognition_closing_meeting"),
    path("programs/<int:pk>/complete/", views.program_complete, name="recognition_program_complete"),
    path("programs/<int:pk>/next/", views.program_next, name="recognition_program_next"),
    path("pairs/<int:pk>/close/", views.pair_close, name="recognition_pair_close"),
    path("festivals/<int:pk>/", views.festival_detail, name="recognition_festival"),
    path("awards/<int:pk>.<slug:fmt>", views.award_document, name="recognition_award_document"),
    path("festivals/<int:pk>/orders/", views.festival_orders, name="recognition_festival_orders"),
    path("contests/<int:pk>/", views.contest_detail, name="recognition_contest"),
    path("nominations/<int:pk>/rubric/", views.rubric, name="recognition_rubric"),
    path("contests/<int:pk>/judge/", views.judge, name="recognition_judge"),
    path("applications/<int:pk>/<slug:kind>.<slug:fmt>", views.certificate, name="recognition_certificate"),
    path("practices/<int:pk>/", views.practice_detail, name="recognition_practice"),
]
