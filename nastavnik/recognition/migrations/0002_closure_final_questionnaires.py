"""The final questionnaires become survey responses attached to the pair; the closure's tick-boxes go.

What a tick-box said is kept: a ticked side is remembered as «filled on paper» (there is no response to point at),
and a closure with an unticked side gets the stated reason the curator must now give when closing without an answer.
"""

from django.db import migrations, models

LEGACY_REASON = "Отметка до подключения анкет в системе: итоговая анкета не отмечена как заполненная (%s)"
SIDE_NAMES = {"mentor": "наставник", "mentee": "наставляемый"}


def ticks_to_records(apps, schema_editor):
    Closure = apps.get_model("recognition", "Closure")
    for closure in Closure.objects.all().iterator():
        ticked = {"mentor": closure.mentor_questionnaire, "mentee": closure.mentee_questionnaire}
        closure.paper_questionnaires = [side for side, done in ticked.items() if done]
        missing = [SIDE_NAMES[side] for side, done in ticked.items() if not done]
        if missing and not closure.no_answer_reason:
            closure.no_answer_reason = LEGACY_REASON % ", ".join(missing)
        closure.save(update_fields=["paper_questionnaires", "no_answer_reason"])


def records_to_ticks(apps, schema_editor):
    Closure = apps.get_model("recognition", "Closure")
    for closure in Closure.objects.all().iterator():
        closure.mentor_questionnaire = "mentor" in closure.paper_questionnaires
        closure.mentee_questionnaire = "mentee" in closure.paper_questionnaires
        closure.save(update_fields=["mentor_questionnaire", "mentee_questionnaire"])


class Migration(migrations.Migration):

    dependencies = [
        ("recognition", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="closure",
            name="no_answer_reason",
            field=models.CharField(blank=True, max_length=400, verbose_name="Почему завершено без итоговой анкеты"),
        ),
        migrations.AddField(
            model_name="closure",
            name="paper_questionnaires",
            field=models.JSONField(blank=True, default=list, verbose_name="Итоговые анкеты, заполненные на бумаге"),
        ),
        migrations.RunPython(ticks_to_records, records_to_ticks),
        migrations.RemoveField(
            model_name="closure",
            name="mentee_questionnaire",
        ),
        migrations.RemoveField(
            model_name="closure",
            name="mentor_questionnaire",
        ),
    ]
