"""Festival guests and awards become records.

The guests' text is split into one guest per comma, semicolon or line, its category guessed from the words seed 000
uses for its audiences (unknown → «другие гости»), all marked invited. The awards were never stored: the reward order
listed the places of the year's finished contests, so those places become the festival's award records (грамоты).
"""

import re

import django.db.models.deletion
from django.db import migrations, models

# Word stems → guest category, checked in order (the first that matches wins).
CATEGORY_STEMS = (
    ("family", ("родител", "друз", "близк", "семь")),
    ("authorities", ("управлени", "администрац", "органов", "органы", "власт", "департамент", "министерств",
                     "комитет по")),
    ("media", (" сми ", "журналист", "газет", "редакц", "телевид", "блогер", "лидер")),
    ("graduates", ("выпускник",)),
    ("partners", ("партн", "предприят", "спонсор")),
    ("organisers", ("волонт", "специалист")),
    ("education", ("школ", "лице", "гимнази", "колледж", "детский сад", "вуз", "университет", "образоват")),
    ("pupils_staff", ("обучающ", "ученик", "сотрудник", "педагог", "учител")),
)


def guess_category(name: str) -> str:
    low = f" {name.lower()} "  # padded, so that a short stem like « сми » matches a word, not «Смирнова»
    for category, stems in CATEGORY_STEMS:
        if any(stem in low for stem in stems):
            return category
    return "other"


def split_guests(text: str) -> list[str]:
    return [part.strip(" .") for part in re.split(r"[,;\n]+", text or "") if part.strip(" .")]


def _year(day) -> int:
    return day.year if day.month >= 9 else day.year - 1


def text_to_records(apps, schema_editor):
    Festival = apps.get_model("recognition", "Festival")
    Guest = apps.get_model("recognition", "FestivalGuest")
    Award = apps.get_model("recognition", "FestivalAward")
    Application = apps.get_model("recognition", "Application")
    for festival in Festival.objects.all().iterator():
        Guest.objects.bulk_create(
            Guest(festival=festival, name=name[:300], category=guess_category(name), status="invited")
            for name in split_guests(festival.guests)
        )
        placed = Application.objects.filter(
            nomination__contest__organization_id=festival.organization_id,
            nomination__contest__year=_year(festival.held_on),
            nomination__contest__status="finished",
            place__isnull=False,
        ).select_related("nomination", "practice").order_by("nomination_id", "place", "pk")
        for position, app in enumerate(placed, start=1):
            person_id, mentorship_id = app.person_id, app.mentorship_id
            if person_id is None and mentorship_id is None and app.practice_id:
                mentorship_id = app.practice.mentorship_id
            if person_id is None and mentorship_id is None:
                continue  # an anonymous practice without a pair: nobody to hand a certificate to
            Award.objects.create(
                festival=festival, kind="certificate", title=f"«{app.nomination.title}», {app.place} место"[:300],
                person_id=person_id, mentorship_id=mentorship_id, application=app, position=position,
            )


def records_to_text(apps, schema_editor):
    Festival = apps.get_model("recognition", "Festival")
    Guest = apps.get_model("recognition", "FestivalGuest")
    for festival in Festival.objects.all().iterator():
        festival.guests = ", ".join(Guest.objects.filter(festival=festival).values_list("name", flat=True))
        festival.save(update_fields=["guests"])


class Migration(migrations.Migration):

    dependencies = [
        ('mentorships', '0005_merge_20261206_0551'),
        ('people', '0003_merge_20261206_0528'),
        ('recognition', '0002_closure_final_questionnaires'),
    ]

    operations = [
        migrations.CreateModel(
            name='FestivalGuest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=300, verbose_name='Гость (имя или организация)')),
                ('category', models.CharField(choices=[('pupils_staff', 'Обучающиеся и сотрудники образовательной организации'), ('graduates', 'Выпускники'), ('family', 'Друзья и близкие наставляемых'), ('partners', 'Представители социальных партнёров'), ('organisers', 'Специалисты и волонтёры, участвовавшие в организации программы'), ('education', 'Представители образовательных организаций'), ('media', 'Журналисты региональных СМИ и лидеры мнений'), ('authorities', 'Представители органов власти'), ('other', 'Другие гости')], default='other', max_length=20, verbose_name='Категория')),
                ('status', models.CharField(choices=[('invited', 'Приглашён'), ('came', 'Пришёл')], default='invited', max_length=10, verbose_name='Отметка')),
                ('festival', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='guest_list', to='recognition.festival')),
            ],
            options={
                'verbose_name': 'гость мероприятия',
                'verbose_name_plural': 'гости мероприятия',
                'ordering': ['festival', 'category', 'name', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='FestivalAward',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('certificate', 'Грамота'), ('letter', 'Благодарственное письмо'), ('parents', 'Благодарственное письмо родителям')], default='certificate', max_length=20, verbose_name='Награда')),
                ('title', models.CharField(max_length=300, verbose_name='За что')),
                ('rating_place', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='Место в рейтинге')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='Порядок')),
                ('application', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='awards', to='recognition.application', verbose_name='По итогам конкурса')),
                ('festival', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='awards', to='recognition.festival')),
                ('mentorship', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='mentorships.mentorship', verbose_name='Кому (пара или команда)')),
                ('person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='festival_awards', to='people.person', verbose_name='Кому (человек)')),
            ],
            options={
                'verbose_name': 'награда мероприятия',
                'verbose_name_plural': 'награды мероприятия',
                'ordering': ['festival', 'position', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('mentorship__isnull', True), ('person__isnull', False)), models.Q(('mentorship__isnull', False), ('person__isnull', True)), _connector='OR'), name='festival_award_one_recipient')],
            },
        ),
        migrations.RunPython(text_to_records, records_to_text),
        migrations.RemoveField(
            model_name='festival',
            name='guests',
        ),
    ]
