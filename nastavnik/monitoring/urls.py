from django.urls import path

from nastavnik.monitoring import strategy_views, swot_views, views

urlpatterns = [
    path("", views.index, name="monitoring"),
    path("attention/", views.attention, name="monitoring_attention"),
    path("programs/<int:pk>/", views.program_page, name="monitoring_program"),
    path("programs/<int:pk>/plan/", views.plan, name="monitoring_plan"),
    path("programs/<int:pk>/indicators/", views.indicator_table, name="monitoring_indicators"),
    path("programs/<int:pk>/invite/", views.invite, name="monitoring_invite"),
    path("programs/<int:pk>/grades/", views.grades, name="monitoring_grades"),
    path("programs/<int:pk>/grades/import/", views.grades_import, name="monitoring_grades_import"),
    path("programs/<int:pk>/measurements/add/", views.measurement_add, name="monitoring_measurement_add"),
    path("programs/<int:pk>/measures/<slug:measure>/<slug:side>/", views.measure_page, name="monitoring_measure"),
    path("programs/<int:pk>/charts/<slug:measure>-<slug:side>.svg", views.chart, name="monitoring_chart"),
    path("pairs/<int:pk>/", views.pair_page, name="monitoring_pair"),
    # swot: stage 1 (SWOT) and the quarterly / final reports
    path("programs/<int:pk>/swot/", swot_views.swot_page, name="monitoring_swot"),
    path("programs/<int:pk>/swot/send/", swot_views.swot_send, name="monitoring_swot_send"),
    path("swot/<int:pk>.docx", swot_views.swot_docx, name="monitoring_swot_docx"),
    path("programs/<int:pk>/report/<slug:kind>.<slug:fmt>", swot_views.report, name="monitoring_report"),
    path("programs/<int:pk>/strategies/", strategy_views.program_strategies, name="monitoring_strategies"),
    path("programs/<int:pk>/strategies/weights/", strategy_views.weights_apply, name="monitoring_weights_apply"),
    path("orgs/<int:pk>/strategies/", strategy_views.organization_strategies, name="monitoring_strategies_org"),
]
