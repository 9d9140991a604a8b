"""Demo data for completion and recognition, in the school «school7» (everything invented).

Last year's «Ученик – ученик» is closed on all three levels: the pair's closure, the programme's closing meeting,
and a festival with its orders; a contest with a jury (one blind nomination) has results and its order; the honour
board and two published practices (one anonymous) stand on the public page. Some people on the honour board and
in the winning pair have no consent to dissemination: the public page must never show them.
"""

from __future__ import annotations

import contextlib
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from nastavnik.mentorships.models import Mentorship
from nastavnik.orgs.models import Organization
from nastavnik.people.models import Person
from nastavnik.privacy.models import Consent
from nastavnik.privacy.services import consent_prepare, consent_sign
from nastavnik.programs.models import Program
from nastavnik.recognition import services
from nastavnik.recognition.models import (
    Closure,
    FestivalAward,
    FestivalGuest,
    HonourEntry,
    News,
    Nomination,
    Practice,
)

C = Consent.PublishCategory


@transaction.atomic
def populate(*, today: dt.date) -> None:
    org = Organization.objects.filter(code="school7").first()
    if org is None or org.festivals.exists():
        return
    services.point_rules_ensure(organization=org)
    year_start = dt.date(today.year if today.month >= 9 else today.year - 1, 9, 1)
    last_year = year_start.year - 1
    mentor = Person.objects.get(user__username="mentor")
    curator = Person.objects.get(user__username="curator")
    jury = [Person.objects.get(user__username=u) for u in ("coordinator", "psychologist", "method_head")]
    old_program = org.programs.filter(status=Program.Status.COMPLETED).order_by("-ends_on").first()
    old_pair = old_program.mentorships.select_related("mentor", "mentee").first()
    teacher_pairs = Mentorship.objects.filter(program__organization=org, program__form__code="teacher_teacher")
    other_mentor = teacher_pairs.exclude(mentor=mentor).select_related("mentor").first().mentor

    # Consents to dissemination: the mentor and the curator in full, the pupil mentor from a parent (name and
    # class); `other_mentor` and the old pair's mentee have none and must never appear publicly.
    signed_on = today - dt.timedelta(days=90)
    _publish(mentor, list(C.values), signed_on)
    _publish(curator, [C.NAME, C.POSITION], signed_on)
    _publish(old_pair.mentor, [C.NAME, C.POSITION, C.STORY], signed_on)

    # Level 1 and 2: the pair's closure and the programme's closing meeting.
    if not Closure.objects.filter(mentorship=old_pair).exists():
        answered = _final_answers(old_pair, org, on=old_program.ends_on - dt.timedelta(days=2))
        Closure.objects.create(
            mentorship=old_pair, kind=Closure.Kind.PLANNED, closed_on=old_program.ends_on,
            steps_done=list(services.CLOSURE_STEPS),
            no_answer_reason="" if answered == 2 else "Наставляемый был на больничном, анкету заполнит позже.",
            conclusion="Цели пары достигнуты: оценки по русскому языку выросли с «3» до «4».",
            next_step=Closure.Next.JOIN_MENTORS,
        )
        # Without a participation consent the candidate is not created: the curator adds them by hand later.
        with contextlib.suppress(ValidationError):
            services.mentee_join_mentor_base(old_pair, created_by=None)
    services.closing_meeting_record(
        program=old_program, held_on=old_program.ends_on - dt.timedelta(days=3), attended=52,
        results="Пары представили результаты: 30 пар дошли до итоговой встречи, большинство наставляемых улучшили "
        "успеваемость.", today=today,
    )

    # Practices: one named (the mentor agreed), one anonymous from the pupil pair.
    named = services.practice_create(
        organization=org, title="Открытый урок за шесть недель",
        problem="Молодой учитель математики боялся открытых уроков и терял дисциплину на последних минутах.",
        actions="Взаимопосещения раз в две недели, разбор видеозаписей, общий банк заданий для рефлексии.",
        results="Открытый урок проведён на шестой неделе; замечаний по дисциплине стало вдвое меньше.",
        authors=[mentor], mentorship=teacher_pairs.filter(mentor=mentor).first(),
    )
    anonymous = services.practice_create(
        organization=org, title="Старшеклассник помогает с русским языком",
        problem="Пятиклассник не успевал по русскому языку и стеснялся спрашивать учителя.",
        actions="Встречи раз в неделю после уроков, игры со словарными словами, дневник успехов.",
        results="Итоговая оценка выросла с «3» до «4», ученик сам вызвался на школьную олимпиаду.",
        authors=[old_pair.mentor, old_pair.mentee], mentorship=old_pair, anonymous=True,
    )
    for practice in (named, anonymous):
        practice.status, practice.published_on = Practice.Status.PUBLISHED, old_program.ends_on
        practice.save(update_fields=["status", "published_on"])

    # Contest with a jury: «Наставник года» open, «Лучшая пара» blind; two rounds are not needed here.
    contest = services.contest_create(organization=org, title=f"Наставник года — {last_year + 1}", year=last_year)
    of_year = services.nomination_add(contest=contest, kind=Nomination.Kind.MENTOR_OF_YEAR)
    best_pair = services.nomination_add(contest=contest, kind=Nomination.Kind.BEST_PAIR, blind=True)
    services.nomination_add(contest=contest, kind=Nomination.Kind.BEST_PRACTICE)
    a1 = services.application_submit(nomination=of_year, person=mentor, nominated_by=mentor,
                                     statement="Веду двух молодых коллег, открытые уроки каждую четверть.")
    a2 = services.application_submit(nomination=of_year, person=other_mentor, nominated_by=curator)
    a3 = services.application_submit(nomination=best_pair, mentorship=old_pair, nominated_by=curator)
    jurors = [services.juror_add(contest=contest, person=p) for p in jury]
    services.contest_start_judging(contest=contest)
    for juror in jurors:
        for application, values in ((a1, [9, 9, 8]), (a2, [7, 8, 6]), (a3, [9, 8, 9])):
            if not services.juror_conflict(juror=juror, application=application):
                services.score_submit(juror=juror, application=application, values=values)
    services.contest_finish(contest=contest)
    festival_day = old_program.ends_on - dt.timedelta(days=6)
    services.contest_results_order_issue(contest=contest, date=festival_day - dt.timedelta(days=2), signed_by=None)

    # Level 3: the festival with its orders.
    festival = services.festival_create(
        organization=org, title="Фестиваль наставничества «Вместе к успеху»", held_on=festival_day,
        place="Актовый зал школы",
        programme="Выступления пар, выставка практик, награждение победителей конкурса «Наставник года».",
        practices=[named, anonymous],
    )
    G = FestivalGuest.Category
    for name, category, came in (
        ("Управление образования администрации города", G.AUTHORITIES, True),
        ("Родительский комитет школы", G.FAMILY, True),
        ("Выпускники — наставники прошлых лет", G.GRADUATES, True),
        ("Технопарк «Кванториум» (социальный партнёр)", G.PARTNERS, False),
        ("Редакция городской газеты", G.MEDIA, False),
    ):
        services.festival_guest_add(festival=festival, name=name, category=category,
                                    status=FestivalGuest.Status.CAME if came else FestivalGuest.Status.INVITED)
    services.festival_awards_from_results(festival=festival)
    services.festival_award_add(festival=festival, kind=FestivalAward.Kind.LETTER, person=mentor, rating_place=1)
    if old_pair.mentor.category == Person.Category.PUPIL and old_pair.mentor.guardians.exists():
        services.festival_award_add(festival=festival, kind=FestivalAward.Kind.PARENTS, person=old_pair.mentor,
                                    title="«Лучшая пара», 1 место")
    services.festival_orders_issue(festival=festival, date=festival_day - dt.timedelta(days=14), signed_by=None)

    # Honour board: the curator chose from the results and the rating.
    HonourEntry.objects.create(organization=org, person=mentor, year=last_year, title="«Наставник года», 1 место",
                               story="Двое молодых коллег под её руководством провели открытые уроки.", position=1)
    HonourEntry.objects.create(organization=org, person=old_pair.mentor, year=last_year,
                               title="«Лучшая пара», 1 место", story="Помог младшему школьнику с русским языком.",
                               position=2)
    HonourEntry.objects.create(organization=org, person=other_mentor, year=last_year,
                               title="«Наставник года», 2 место", position=3)  # no consent: never public

    News.objects.create(organization=org, title="Итоги конкурса «Наставник года»", published_on=festival_day,
                        body="На фестивале наставничества наградили победителей конкурса и представили практики.")
    News.objects.create(organization=org, title="Начался новый цикл программы «Ученик – ученик»",
                        published_on=year_start + dt.timedelta(days=20),
                        body="Сформированы пары и группы, проходят встречи-знакомства.")


DEMO_FINAL_ANSWERS = {
    "mentor": {"satisfaction": 9, "mentee_progress": 8, "results": "Оценка по русскому языку выросла с «3» до «4».",
               "mentor_again": True},
    "mentee": {"satisfaction": 10, "mentor_help": 9, "results": "Стал увереннее писать диктанты.",
               "become_mentor": True},
}


def _final_answers(pair: Mentorship, org: Organization, *, on: dt.date) -> int:
    """The old pair's final questionnaires, answered through the engine where the consent allows; how many."""
    from nastavnik.surveys.services import response_submit

    count = 0
    for side, person in (("mentor", pair.mentor), ("mentee", pair.mentee)):
        version = services.final_questionnaire_version(side=side, organization=org)
        try:
            response_submit(version=version, answers=DEMO_FINAL_ANSWERS[side], respondent=person, subject=pair,
                            organization=org, submitted_at=dt.datetime.combine(on, dt.time(15), tzinfo=dt.UTC))
        except ValidationError:
            continue  # no consent to questionnaires: the closure states why it went without
        count += 1
    return count


def _publish(person: Person, categories: list[str], signed_on: dt.date) -> None:
    if Consent.objects.filter(person=person, purpose=Consent.Purpose.PUBLICATION, withdrawn_at__isnull=True).exists():
        return
    giver = person
    if person.is_minor:
        link = person.guardians.select_related("guardian").order_by("pk").first()
        if link is None:
            return
        giver = link.guardian
    consent = consent_prepare(person=person, purpose=Consent.Purpose.PUBLICATION, given_by=giver, recorded_by=None,
                              publish_categories=categories, today=signed_on,
                              valid_until=signed_on + dt.timedelta(days=1095))
    consent_sign(consent=consent, signed_at=signed_on, form=Consent.Form.PAPER, recorded_by=None)
