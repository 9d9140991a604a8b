"""Every view asks the policy, and answers every persona as the table below says — GET and POST.

The test walks Django's URL resolver: every named URL of the project must have a row in `VIEWS` (a URL missing from
the table fails with a message saying how to add it). For each row it requests the URL as each persona of the demo
(plus a curator of another organisation and an anonymous visitor), once with GET and once with an empty POST, each
request inside a savepoint that is rolled back, and checks:

* the status: a persona the row allows gets anything but a refusal (200, 302, 400 with form errors, …); anyone else
  gets 403 or 404; the anonymous visitor is sent to the login page; a method the view does not take answers 405;
* that the view asked the policy (`nastavnik.policy.watch` sees a decision), unless it is marked `@policy.public`.

## The table

`VIEWS["url_name"] = V(args, get=..., post=...)`

* `args(w)` returns the URL's arguments from the demo world `w` (see `World`: `w.org`, `w.pair`, `w.meeting`, …;
  add an attribute there for a new kind of object);
* `params(w)` (optional) gives the query string of the GET and the body of the POST a view needs;
* `get` / `post` is one of
  - a set of personas who may use it (`ANY`, `STAFF`, `MANAGERS`, `{"director"}`, `ANY - {"mentee"}`, …);
  - `NOT_ALLOWED` when the view does not take that method (405 for everyone logged in);
  - `PUBLIC` when no login is needed (the view must be marked `@policy.public`; then any status but 500 is fine).

Personas: director, coordinator, curator, psychologist, method_head, mentor, mentee, guardian, municipal (the demo
logins), other_org (a curator of another organisation) and anonymous. A view asked by anonymous is checked to
redirect to the login page unless it is PUBLIC.

To run only the table check for a few URLs: `WALK_ONLY=name1,name2 pytest tests/test_views_ask_policy.py`. To print
what each persona gets (to fill a new row): `WALK_RECORD=1` with `-s`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from nastavnik import policy
from nastavnik.ops.demo import DEMO_PASSWORD, demo_build
from nastavnik.orgs.models import Membership, Organization, Role
from tests.factories import person_with_login

LOGINS = ["director", "coordinator", "curator", "psychologist", "method_head", "mentor", "mentee", "guardian",
          "municipal", "other_org"]
PERSONAS = [*LOGINS, "anonymous"]
ANY = frozenset(LOGINS)
STAFF = frozenset({"director", "coordinator", "curator", "psychologist", "method_head"})
MANAGERS = frozenset({"director", "coordinator", "curator"})
INTAKE = MANAGERS | {"psychologist"}
NOBODY: frozenset[str] = frozenset()
NOT_ALLOWED = "405"
PUBLIC = "public"
TOKEN = "token"  # the REST API: authenticated by a personal token, not the session — 401 for every persona
REFUSED = {403, 404}


@dataclass(frozen=True)
class V:
    args: Callable[[World], list[Any]]
    get: frozenset[str] | str
    post: frozenset[str] | str
    # Parameters the view needs besides the path (the query string of a GET, the body of a POST).
    params: Callable[[World], dict[str, str]] | None = None
    # The URL's namespace when it has one (the REST API's "api-v1").
    namespace: str = ""


def _none(w: World) -> list:
    return []


def _first(model, **filters) -> Any:
    """The demo's first object of the school; else any (a shared one, e.g. a catalogue questionnaire)."""
    obj = model.objects.filter(**filters).order_by("pk").first() or model.objects.order_by("pk").first()
    assert obj is not None, f"The demo has no {model.__name__}: add one to the demo or the World"
    return obj


class World:
    """The demo's school (the logins' organisation) and one object of each kind the URLs need."""

    def __init__(self) -> None:
        from nastavnik.documents.models import Order
        from nastavnik.intake.models import (
            Agreement,
            Interview,
            MenteeRequest,
            MentorCandidate,
            Training,
            TrainingEnrolment,
        )
        from nastavnik.matching.models import MatchSession, PreferenceCard, SessionMentee
        from nastavnik.mentorships.models import (
            CalendarToken,
            ChangeRequest,
            Goal,
            GoalStep,
            Meeting,
            Mentorship,
            PlanActivity,
            Wish,
        )
        from nastavnik.privacy.models import Consent
        from nastavnik.programs.models import Activity, Roadmap
        from nastavnik.surveys.models import Invitation, Question, Response, Section, Survey

        self.org = Membership.objects.get(person__user__username="director", role=Role.DIRECTOR).organization
        org = self.org
        self.pair = _first(Mentorship, mentee__user__username="mentee")
        self.meeting = _first(Meeting, mentorship=self.pair)
        self.activity = _first(PlanActivity, plan__mentorship=self.pair)
        self.wish = _first(Wish, mentorship=self.pair)
        self.goal = _first(Goal, mentorship=self.pair)
        self.step = _first(GoalStep, goal__mentorship=self.pair)
        self.change_request = ChangeRequest.objects.filter(mentorship__program__organization=org).first()
        self.program = self.pair.program
        self.roadmap = _first(Roadmap, organization=org)
        self.roadmap_activity = _first(Activity, roadmap=self.roadmap)
        self.mentee = self.pair.mentee
        self.request = _first(MenteeRequest, organization=org)
        self.candidate = _first(MentorCandidate, organization=org)
        self.interview = Interview.objects.filter(candidate__organization=org).first()
        self.agreement = Agreement.objects.filter(candidate__organization=org).first()
        self.training = _first(Training, organization=org)
        self.enrolment = TrainingEnrolment.objects.filter(training__organization=org).first()
        self.consent = _first(Consent, person=self.mentee)
        self.survey = _first(Survey, organization=org)
        self.section = _first(Section, version__survey=self.survey)
        self.question = _first(Question, section__version__survey=self.survey)
        self.response = Response.objects.filter(version__survey__organization=org).first()
        self.invitation = _first(Invitation, version__survey__organization=org)
        self.my_invitation = Invitation.objects.filter(person__user__username="mentee").first()
        self.order = _first(Order, organization=org)
        self.session = _first(MatchSession, organization=org)
        self.card = PreferenceCard.objects.filter(session=self.session).first()
        self.session_mentee = SessionMentee.objects.filter(session=self.session).first()
        self.card_token = self.card.token if self.card else "no-card"
        self.calendar_token = CalendarToken.objects.get_or_create(person=self.mentee)[0].token
        # The merged apps (accounts, monitoring, recognition, municipal, api, privacy acts, roadmap remarks).
        from nastavnik.api.tokens import api_token_create
        from nastavnik.monitoring.models import PlanItem
        from nastavnik.municipal.services import roadmap_remark_create
        from nastavnik.privacy.models import DestructionRecord
        from nastavnik.programs.models import RoadmapRemark
        from nastavnik.recognition.models import Application, Contest, Festival, News, Practice

        self.municipality = org.municipality
        self.plan_item = PlanItem.objects.filter(program__organization=org).order_by("pk").first()
        self.remark = RoadmapRemark.objects.filter(
            roadmap__organization=org, resolved_at__isnull=True
        ).order_by("pk").first() or roadmap_remark_create(
            roadmap=self.roadmap, text="Уточните сроки", asks_correction=True, author_id=None
        )
        self.destruction = DestructionRecord.objects.filter(organization=org).order_by("pk").first()
        if self.destruction is None:  # the demo destroys nothing: a record as `privacy.purge` writes it
            self.destruction = DestructionRecord.objects.create(
                person_ref="walk-1", organization=org, organization_name=org.name, categories=["contacts"],
                reason="Отзыв согласия", performed_by="walk", performed_at=dt.datetime(2026, 11, 20, tzinfo=dt.UTC),
            )
        self.festival = Festival.objects.filter(organization=org).order_by("pk").first()
        self.contest = Contest.objects.filter(organization=org).order_by("pk").first()
        self.application = Application.objects.filter(nomination__contest__organization=org).order_by("pk").first()
        self.judged = Application.objects.filter(
            nomination__contest=self.contest, last_round__gte=self.contest.current_round if self.contest else 1
        ).order_by("pk").first()
        self.practice = Practice.objects.filter(organization=org).order_by("pk").first()
        self.news = News.objects.filter(organization=org).order_by("pk").first()
        # A personal API token of the director: its pages are the director's own.
        director = Membership.objects.get(person__user__username="director", role=Role.DIRECTOR).person.user
        self.api_token = api_token_create(user=director, name="walk", may_write=False)[0]

    @staticmethod
    def pk(obj) -> int:
        return obj.pk if obj is not None else 999_999


def _m(w: World) -> list:
    return [w.pair.pk]


def _measure(w: World) -> list:
    item = w.plan_item
    return [w.program.pk, item.instrument if item else "none", item.side if item else "none"]


def _swot(w: World) -> list:  # branch swot: the demo's approved SWOT of the school
    from nastavnik.monitoring.models import SwotAnalysis

    return [w.pk(SwotAnalysis.objects.filter(program__organization=w.org).order_by("pk").first())]


# The demo's pair in the table is the mentee login's pupils' pair; the mentor login mentors a teachers' pair.
PAIR_READERS = STAFF - {"method_head"} | {"mentee", "guardian"}  # the method head: teachers' pairs only (seed 003)
PAIR_WORKERS = MANAGERS | {"mentee"}
SCHOOL = STAFF | {"mentor", "mentee", "guardian"}  # anyone with a role in the demo's school
STAFF_ANYWHERE = STAFF | {"other_org"}  # index pages that list the user's own organisations
MANAGERS_ANYWHERE = MANAGERS | {"other_org"}
INTAKE_ANYWHERE = INTAKE | {"other_org"}
CONSENT_KEEPERS = MANAGERS | {"guardian"}  # the mentee is a minor: the guardian gives the consents
DATA_EXPORTERS = frozenset({"director", "coordinator", "mentee", "guardian"})
AUDITORS = frozenset({"director", "coordinator"})
ROSTER_EXPORTERS = STAFF - {"psychologist"}  # policy ORG_EXPORT_PEOPLE: managers and the method head (rosters merge)
PRACTICE_WRITERS = MANAGERS | {"mentor", "mentee"}  # recognition: who describes a pair's practice
JURORS = frozenset({"coordinator", "psychologist", "method_head"})  # the demo contest's jury (recognition demo)

# --- the table: one row per URL name ---------------------------------------------------------------------------
VIEWS: dict[str, V] = {
    "login": V(_none, PUBLIC, PUBLIC),
    "logout": V(_none, PUBLIC, PUBLIC),
    "home": V(_none, ANY, ANY),
    "municipal": V(_none, {"municipal"}, {"municipal"}),
    "person": V(lambda w: [w.mentee.pk], PAIR_READERS, PAIR_READERS),
    "org_list": V(_none, ANY, ANY),
    "org": V(lambda w: [w.org.code], SCHOOL | {"municipal"}, SCHOOL | {"municipal"}),
    "people": V(_none, STAFF_ANYWHERE, STAFF_ANYWHERE),
    "roster": V(_none, ROSTER_EXPORTERS | {"other_org"}, ROSTER_EXPORTERS | {"other_org"}),
    "roster_template": V(_none, STAFF_ANYWHERE, STAFF_ANYWHERE),
    "roster_import": V(lambda w: [w.org.code], MANAGERS, MANAGERS),
    "roster_import_confirm": V(lambda w: [w.org.code], NOT_ALLOWED, MANAGERS),
    "roster_export": V(lambda w: [w.org.code], ROSTER_EXPORTERS, ROSTER_EXPORTERS),
    "programs": V(_none, ANY, ANY),
    "program_create": V(_none, MANAGERS_ANYWHERE, MANAGERS_ANYWHERE),
    "programs_catalog": V(_none, ANY, ANY),
    "program": V(lambda w: [w.program.pk], SCHOOL, SCHOOL),
    "program_edit": V(lambda w: [w.program.pk], MANAGERS, MANAGERS),
    "program_stage": V(lambda w: [w.program.pk], NOT_ALLOWED, MANAGERS),
    "roadmap_create": V(_none, MANAGERS, MANAGERS, params=lambda w: {"org": w.org.code}),
    "roadmap": V(lambda w: [w.roadmap.pk], SCHOOL, SCHOOL),
    "roadmap_approve": V(lambda w: [w.roadmap.pk], NOT_ALLOWED, MANAGERS),
    "roadmap_print": V(lambda w: [w.roadmap.pk], SCHOOL, SCHOOL),
    "roadmap_export": V(lambda w: [w.roadmap.pk], SCHOOL, SCHOOL),
    "activity_status": V(lambda w: [w.roadmap_activity.pk], NOT_ALLOWED, MANAGERS),
    "mentorships": V(_none, ANY, ANY),
    "mentorship_attention": V(_none, MANAGERS_ANYWHERE, MANAGERS_ANYWHERE),
    "my_calendar": V(_none, ANY, NOT_ALLOWED),
    "calendar_rotate": V(_none, NOT_ALLOWED, ANY),
    "calendar_feed": V(lambda w: [w.calendar_token], PUBLIC, PUBLIC),
    "mentorship": V(_m, PAIR_READERS, PAIR_READERS),
    "plan_save": V(_m, NOT_ALLOWED, PAIR_WORKERS),
    "plan_approve": V(_m, NOT_ALLOWED, MANAGERS),
    "plan_download": V(_m, PAIR_READERS, PAIR_READERS),
    "activity_add": V(_m, NOT_ALLOWED, PAIR_WORKERS),
    "activity_done": V(lambda w: [w.pair.pk, w.activity.pk], NOT_ALLOWED, PAIR_WORKERS),
    "wish_add": V(_m, NOT_ALLOWED, PAIR_WORKERS),
    "wish_delete": V(lambda w: [w.pair.pk, w.wish.pk], NOT_ALLOWED, PAIR_WORKERS),
    "goal_from_wish": V(lambda w: [w.pair.pk, w.wish.pk], NOT_ALLOWED, PAIR_WORKERS),
    "goal_add": V(_m, NOT_ALLOWED, PAIR_WORKERS),
    "step_add": V(lambda w: [w.pair.pk, w.goal.pk], NOT_ALLOWED, PAIR_WORKERS),
    "step_done": V(lambda w: [w.pair.pk, w.step.pk], NOT_ALLOWED, PAIR_WORKERS),
    "meeting_schedule": V(_m, NOT_ALLOWED, PAIR_WORKERS),
    "change_request_create": V(_m, NOT_ALLOWED, {"mentee", "guardian"}),
    "mentorship_complete": V(_m, NOT_ALLOWED, MANAGERS),
    # groups: a formed group's membership is the curator's and the coordinator's (not the director's) work
    "member_add": V(_m, NOT_ALLOWED, {"coordinator", "curator"}),
    "member_remove": V(_m, NOT_ALLOWED, {"coordinator", "curator"}),
    "meeting_reschedule": V(lambda w: [w.meeting.pk], NOT_ALLOWED, PAIR_WORKERS),
    "meeting_cancel": V(lambda w: [w.meeting.pk], NOT_ALLOWED, PAIR_WORKERS),
    "meeting_hold": V(lambda w: [w.meeting.pk], NOT_ALLOWED, MANAGERS),
    "meeting_miss": V(lambda w: [w.meeting.pk], NOT_ALLOWED, MANAGERS),
    "meeting_ics": V(lambda w: [w.meeting.pk], PAIR_READERS, PAIR_READERS),
    "meeting_reflection": V(lambda w: [w.meeting.pk], {"mentee"}, {"mentee"}),
    "change_request_decide": V(lambda w: [w.pk(w.change_request)], NOT_ALLOWED, MANAGERS),
    "intake": V(_none, INTAKE_ANYWHERE, INTAKE_ANYWHERE),
    "intake_overview": V(lambda w: [w.org.code], INTAKE, INTAKE),
    "intake_mentees": V(lambda w: [w.org.code], INTAKE, INTAKE),
    "intake_request_new": V(lambda w: [w.org.code], INTAKE, INTAKE),
    "intake_request": V(lambda w: [w.request.pk], INTAKE, INTAKE),
    "intake_request_analyse": V(lambda w: [w.request.pk], NOT_ALLOWED, INTAKE),
    "intake_request_status": V(lambda w: [w.request.pk], NOT_ALLOWED, INTAKE),
    "intake_mentors": V(lambda w: [w.org.code], INTAKE, INTAKE),
    "intake_candidate_new": V(lambda w: [w.org.code], INTAKE, INTAKE),
    "intake_invite": V(lambda w: [w.org.code, "mentee"], INTAKE, INTAKE),
    "intake_response_link": V(lambda w: [w.org.code, "mentee", w.pk(w.response)], NOT_ALLOWED, NOBODY),
    "intake_candidate": V(lambda w: [w.candidate.pk], INTAKE, INTAKE),
    "intake_candidate_interview": V(lambda w: [w.candidate.pk], NOT_ALLOWED, INTAKE),
    "intake_candidate_approve": V(lambda w: [w.candidate.pk], NOT_ALLOWED, INTAKE),
    "intake_candidate_reject": V(lambda w: [w.candidate.pk], NOT_ALLOWED, INTAKE),
    "intake_agreement_new": V(lambda w: [w.candidate.pk], NOT_ALLOWED, INTAKE),
    "intake_interview_protocol": V(lambda w: [w.pk(w.interview)], INTAKE, INTAKE),
    "intake_agreement_download": V(lambda w: [w.pk(w.agreement)], INTAKE, INTAKE),
    "intake_criteria": V(lambda w: [w.org.code], INTAKE, INTAKE),
    "intake_registry": V(lambda w: [w.org.code], INTAKE, MANAGERS),
    "intake_trainings": V(lambda w: [w.org.code], INTAKE, INTAKE),
    "intake_training": V(lambda w: [w.training.pk], INTAKE, INTAKE),
    "intake_training_order": V(lambda w: [w.training.pk], NOT_ALLOWED, MANAGERS),
    "intake_session_add": V(lambda w: [w.training.pk], NOT_ALLOWED, INTAKE),
    "intake_enrol": V(lambda w: [w.training.pk], NOT_ALLOWED, INTAKE),
    "intake_attendance": V(lambda w: [w.training.pk], NOT_ALLOWED, NOBODY),
    "intake_enrolment_complete": V(lambda w: [w.pk(w.enrolment)], NOT_ALLOWED, INTAKE),
    "privacy_me": V(_none, ANY, NOT_ALLOWED),
    "privacy_person_data": V(lambda w: [w.mentee.pk], DATA_EXPORTERS, NOT_ALLOWED),
    "privacy_person_export": V(lambda w: [w.mentee.pk], DATA_EXPORTERS, NOT_ALLOWED),
    "privacy_consents": V(lambda w: [w.mentee.pk], CONSENT_KEEPERS, CONSENT_KEEPERS),
    "privacy_consent_docx": V(lambda w: [w.consent.pk], CONSENT_KEEPERS, NOT_ALLOWED),
    "privacy_consent_pdf": V(lambda w: [w.consent.pk], CONSENT_KEEPERS, NOT_ALLOWED),
    "privacy_consent_sign": V(lambda w: [w.consent.pk], CONSENT_KEEPERS, CONSENT_KEEPERS),
    "privacy_consent_withdraw": V(lambda w: [w.consent.pk], CONSENT_KEEPERS, CONSENT_KEEPERS),
    "privacy_org_consents": V(lambda w: [w.org.code], MANAGERS, NOT_ALLOWED),
    "privacy_org_audit": V(lambda w: [w.org.code], AUDITORS, NOT_ALLOWED),
    "privacy_org_destruction": V(lambda w: [w.org.code], AUDITORS, NOT_ALLOWED),
    "surveys": V(_none, STAFF_ANYWHERE, STAFF_ANYWHERE),
    "survey_create": V(_none, INTAKE_ANYWHERE, INTAKE_ANYWHERE),
    "survey_build": V(lambda w: [w.survey.pk], STAFF_ANYWHERE, STAFF_ANYWHERE),
    "survey_settings": V(lambda w: [w.survey.pk], NOT_ALLOWED, NOBODY),
    "survey_publish": V(lambda w: [w.survey.pk], NOT_ALLOWED, NOBODY),
    "survey_copy": V(lambda w: [w.survey.pk], NOT_ALLOWED, NOBODY),
    "survey_preview": V(lambda w: [w.survey.pk], STAFF_ANYWHERE, STAFF_ANYWHERE),
    "survey_responses": V(lambda w: [w.survey.pk], STAFF_ANYWHERE, STAFF_ANYWHERE),
    "survey_invite": V(lambda w: [w.survey.pk], INTAKE_ANYWHERE, INTAKE_ANYWHERE),
    "survey_section_add": V(lambda w: [w.survey.pk], NOT_ALLOWED, NOBODY),
    "survey_question_add": V(lambda w: [w.survey.pk], NOT_ALLOWED, NOBODY),
    "survey_section_edit": V(lambda w: [w.section.pk], NOT_ALLOWED, NOBODY),
    "survey_section_delete": V(lambda w: [w.section.pk], NOT_ALLOWED, NOBODY),
    "survey_question_edit": V(lambda w: [w.question.pk], NOBODY, NOBODY),
    "survey_question_move": V(lambda w: [w.question.pk], NOT_ALLOWED, NOBODY),
    "survey_question_delete": V(lambda w: [w.question.pk], NOT_ALLOWED, NOBODY),
    "survey_response": V(lambda w: [w.pk(w.response)], NOBODY, NOBODY),
    "survey_invitation": V(lambda w: [w.invitation.pk], INTAKE, INTAKE),
    "survey_my": V(_none, ANY, ANY),
    "survey_my_fill": V(lambda w: [w.pk(w.my_invitation)], NOBODY, NOBODY),
    "survey_thanks": V(_none, PUBLIC, PUBLIC),
    "survey_public": V(lambda w: [w.invitation.token], PUBLIC, PUBLIC),
    "documents_home": V(_none, STAFF_ANYWHERE, STAFF_ANYWHERE),
    "order_docx": V(lambda w: [w.order.pk], STAFF, STAFF),
    "order_pdf": V(lambda w: [w.order.pk], STAFF, STAFF),
    "order_register": V(lambda w: [w.org.code], STAFF, STAFF),
    "order_issue": V(lambda w: [w.org.code, "introduce_model"], MANAGERS, MANAGERS),
    "matching": V(_none, MANAGERS_ANYWHERE, MANAGERS_ANYWHERE),
    "matching_sessions": V(lambda w: [w.org.code], MANAGERS, MANAGERS),
    "matching_session": V(lambda w: [w.session.pk], MANAGERS, MANAGERS),
    "matching_participants": V(lambda w: [w.session.pk], MANAGERS, MANAGERS),
    "matching_rotation": V(lambda w: [w.session.pk], MANAGERS, MANAGERS),
    "matching_rotation_print": V(lambda w: [w.session.pk], MANAGERS, MANAGERS),
    "matching_cards": V(lambda w: [w.session.pk], MANAGERS, MANAGERS),
    "matching_card_enter": V(lambda w: [w.session.pk, w.pk(w.card)], NOBODY, NOBODY),
    "matching_proposals": V(lambda w: [w.session.pk], MANAGERS, MANAGERS),
    "matching_decision": V(lambda w: [w.session.pk], NOT_ALLOWED, NOBODY),
    "matching_keep": V(lambda w: [w.session.pk, w.pk(w.session_mentee)], NOT_ALLOWED, NOBODY),
    "matching_confirm": V(lambda w: [w.session.pk], NOT_ALLOWED, MANAGERS),
    "matching_order": V(lambda w: [w.session.pk], MANAGERS, MANAGERS),
    "matching_card_public": V(lambda w: [w.card_token], PUBLIC, PUBLIC),
    "security_events": V(lambda w: [w.org.code], {"director"}, NOT_ALLOWED),
    # --- merged apps: accounts, appointments, rosters, monitoring, recognition, municipal, api ---
    "account_invite": V(lambda w: [w.mentee.pk], NOT_ALLOWED, MANAGERS),
    "account_slip": V(lambda w: [w.mentee.pk], NOT_ALLOWED, MANAGERS),
    "account_disable": V(lambda w: [w.mentee.pk], NOT_ALLOWED, MANAGERS),
    "accounts_bulk": V(_none, NOT_ALLOWED, MANAGERS_ANYWHERE),
    "municipal_org_add": V(lambda w: [w.municipality.pk], {"municipal"}, {"municipal"}),
    "password_first": V(_none, ANY, ANY),
    "otp_setup": V(_none, ANY, ANY),
    "otp_verify": V(_none, ANY, ANY),
    "password_reset": V(_none, PUBLIC, PUBLIC),
    "password_reset_done": V(_none, PUBLIC, PUBLIC),
    "password_reset_confirm": V(lambda w: ["MQ", "set-password"], PUBLIC, PUBLIC),
    "password_reset_complete": V(_none, PUBLIC, PUBLIC),
    "order_detail": V(lambda w: [w.order.pk], STAFF, STAFF),
    "meeting_results": V(lambda w: [w.meeting.pk], NOT_ALLOWED, MANAGERS),
    "person_pick": V(_none, STAFF, NOT_ALLOWED, params=lambda w: {"org": w.org.code}),
    "classes_promotion": V(lambda w: [w.org.code], MANAGERS, MANAGERS),
    "privacy_org_destruction_act": V(lambda w: [w.org.code, w.pk(w.destruction), "docx"], AUDITORS, NOT_ALLOWED),
    "roadmap_remark_resolve": V(lambda w: [w.pk(w.remark)], NOT_ALLOWED, MANAGERS),
    "activity_create": V(lambda w: [w.roadmap.pk], MANAGERS, MANAGERS),
    "activity_edit": V(lambda w: [w.roadmap_activity.pk], MANAGERS, MANAGERS),
    "org_appointments": V(lambda w: [w.org.code], STAFF, {"director"}),  # appointments: the director's order
    "monitoring": V(_none, INTAKE_ANYWHERE, INTAKE_ANYWHERE),
    "monitoring_attention": V(_none, INTAKE_ANYWHERE, INTAKE_ANYWHERE),
    "monitoring_program": V(lambda w: [w.program.pk], INTAKE, INTAKE),
    "monitoring_plan": V(lambda w: [w.program.pk], INTAKE, INTAKE),
    "monitoring_indicators": V(lambda w: [w.program.pk], INTAKE, INTAKE),
    "monitoring_invite": V(lambda w: [w.program.pk], NOT_ALLOWED, INTAKE),
    "monitoring_grades": V(lambda w: [w.program.pk], INTAKE, INTAKE),
    "monitoring_grades_import": V(lambda w: [w.program.pk], NOT_ALLOWED, INTAKE),
    "monitoring_measurement_add": V(lambda w: [w.program.pk], INTAKE, INTAKE),
    "monitoring_measure": V(_measure, INTAKE, INTAKE),
    "monitoring_chart": V(_measure, INTAKE, INTAKE),
    "monitoring_pair": V(_m, INTAKE, INTAKE),
    "recognition": V(_none, SCHOOL | {"other_org"}, SCHOOL | {"other_org"}),  # a redirect to one's school
    "recognition_overview": V(lambda w: [w.org.code], SCHOOL, SCHOOL),
    "recognition_my": V(lambda w: [w.org.code], SCHOOL, SCHOOL),
    "recognition_festivals": V(lambda w: [w.org.code], MANAGERS, MANAGERS),
    "recognition_points": V(lambda w: [w.org.code], MANAGERS, MANAGERS),
    "recognition_contests": V(lambda w: [w.org.code], MANAGERS, MANAGERS),
    "recognition_honour": V(lambda w: [w.org.code], MANAGERS, MANAGERS),
    "recognition_practices": V(lambda w: [w.org.code], PRACTICE_WRITERS, PRACTICE_WRITERS),
    "recognition_news": V(lambda w: [w.org.code], MANAGERS, MANAGERS),
    "recognition_program": V(lambda w: [w.program.pk], MANAGERS, MANAGERS),
    "recognition_closing_meeting": V(lambda w: [w.program.pk], NOT_ALLOWED, MANAGERS),
    "recognition_program_complete": V(lambda w: [w.program.pk], NOT_ALLOWED, MANAGERS),
    "recognition_program_next": V(lambda w: [w.program.pk], NOT_ALLOWED, MANAGERS),
    "recognition_pair_close": V(_m, MANAGERS, MANAGERS),
    "recognition_festival_orders": V(lambda w: [w.pk(w.festival)], NOT_ALLOWED, MANAGERS),
    "recognition_contest": V(lambda w: [w.pk(w.contest)], MANAGERS | JURORS, MANAGERS | JURORS),
    "recognition_judge": V(
        lambda w: [w.pk(w.contest)], JURORS, JURORS, params=lambda w: {"application": str(w.pk(w.judged))}
    ),
    "recognition_certificate": V(lambda w: [w.pk(w.application), "certificate", "docx"], MANAGERS, MANAGERS),
    "recognition_practice": V(lambda w: [w.pk(w.practice)], MANAGERS | {"mentor"}, MANAGERS | {"mentor"}),
    "public_municipality": V(lambda w: [w.municipality.pk], PUBLIC, PUBLIC),
    "public_org": V(lambda w: [w.org.code], PUBLIC, PUBLIC),
    "public_practice": V(lambda w: [w.org.code, w.pk(w.practice)], PUBLIC, PUBLIC),
    "public_news": V(lambda w: [w.org.code, w.pk(w.news)], PUBLIC, PUBLIC),
    "municipal_overview": V(lambda w: [w.municipality.pk], {"municipal"}, {"municipal"}),
    "municipal_indicators": V(lambda w: [w.municipality.pk], {"municipal"}, {"municipal"}),
    "municipal_export": V(lambda w: [w.municipality.pk], {"municipal"}, {"municipal"}),
    "municipal_remark": V(lambda w: [w.roadmap.pk], {"municipal"}, {"municipal"}),
    "municipal_remark_close": V(lambda w: [w.pk(w.remark)], NOT_ALLOWED, {"municipal"}),
    "municipal_headcount": V(lambda w: [w.org.code], {"municipal"}, {"municipal"}),
    "api_tokens": V(_none, ANY, ANY),
    "api_token_revoke": V(lambda w: [w.api_token.pk], NOT_ALLOWED, {"director"}),
    # The REST API (django-ninja, namespace "api-v1") authenticates by a personal token in the Authorization
    # header, never by the session: every persona, logged in or not, gets 401 (TOKEN); its policy decisions are
    # tested with tokens in tests/api. Its root, the OpenAPI schema and the docs page carry no data: PUBLIC.
    "api-root": V(_none, PUBLIC, PUBLIC, namespace="api-v1"),
    "openapi-json": V(_none, PUBLIC, PUBLIC, namespace="api-v1"),
    "api_docs": V(_none, PUBLIC, PUBLIC),  # our own page of the API documentation, read from the schema
    "organizations": V(_none, TOKEN, NOT_ALLOWED, namespace="api-v1"),
    "organization": V(lambda w: [w.org.code], TOKEN, NOT_ALLOWED, namespace="api-v1"),
    "organization_roadmaps": V(lambda w: [w.org.code], TOKEN, NOT_ALLOWED, namespace="api-v1"),
    "program_roadmaps": V(lambda w: [w.program.pk], TOKEN, NOT_ALLOWED, namespace="api-v1"),
    "meetings": V(_m, TOKEN, NOT_ALLOWED, namespace="api-v1"),
    "municipal_aggregates": V(lambda w: [w.municipality.pk], TOKEN, NOT_ALLOWED, namespace="api-v1"),
    # --- branch swot: the programme's SWOT and the quarterly / final reports ---
    "monitoring_swot": V(lambda w: [w.program.pk], INTAKE, INTAKE),
    "monitoring_swot_send": V(lambda w: [w.program.pk], NOT_ALLOWED, INTAKE),
    "monitoring_swot_docx": V(_swot, INTAKE, INTAKE),
    "monitoring_report": V(lambda w: [w.program.pk, "quarterly", "docx"], INTAKE, INTAKE),

    # --- recog: final questionnaires, festival guests and awards, rubrics, honour-board photos ---
    "recognition_festival": V(lambda w: [w.pk(w.festival)], MANAGERS, MANAGERS),
    "recognition_award_document": V(lambda w: [_award_pk(w), "docx"], MANAGERS, NOT_ALLOWED),
    "recognition_rubric": V(lambda w: [_nomination_pk(w)], MANAGERS, MANAGERS),
    "public_honour_photo": V(lambda w: [w.org.code, _honour_pk(w)], PUBLIC, PUBLIC),
    # branch strategy: «which matching worked» and the Mentor Match weights adjusted from it
    "monitoring_strategies": V(lambda w: [w.program.pk], INTAKE, INTAKE),
    "monitoring_weights_apply": V(lambda w: [w.program.pk], NOT_ALLOWED, MANAGERS),
    "monitoring_strategies_org": V(lambda w: [w.org.pk], INTAKE, INTAKE),
}


def _award_pk(w: World) -> int:
    """recog: the demo festival's first award (kept out of World to ease merging)."""
    from nastavnik.recognition.models import FestivalAward

    return FestivalAward.objects.filter(festival__organization=w.org).order_by("pk").values_list("pk", flat=True)[0]



# --- the walk ----------------------------------------------------------------------------------------------------


def _named_urls() -> dict[str, Any]:
    found: dict[str, Any] = {}

    def walk(patterns) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns)
            elif isinstance(p, URLPattern) and p.name:
                found.setdefault(p.name, p.callback)

    walk(get_resolver().url_patterns)
    return found


def test_every_named_url_has_a_row_in_the_table():
    missing = sorted(set(_named_urls()) - set(VIEWS))
    assert not missing, (
        f"URL names without a row in tests/test_views_ask_policy.py VIEWS: {missing}. Add a row "
        '`"name": V(lambda w: [args], get={personas allowed} | NOT_ALLOWED | PUBLIC, post=...)` '
        "(see the module docstring; WALK_RECORD=1 prints what each persona gets)."
    )
    stale = sorted(set(VIEWS) - set(_named_urls()))
    assert not stale, f"Rows for URL names that no longer exist: {stale}"


def _clients(world_org: Organization) -> dict[str, Client]:
    other = Organization.objects.exclude(pk=world_org.pk).exclude(municipality__isnull=True).order_by("pk").first()
    person_with_login(role=Role.CURATOR, organization=other, username="other_org")
    clients = {}
    for persona in LOGINS:
        client = Client()
        if persona == "other_org":
            client.login(username="other_org", password="pass")
        else:
            assert client.login(username=persona, password=DEMO_PASSWORD), persona
        clients[persona] = client
    clients["anonymous"] = Client()
    return clients


def _ask(persona_client: Client, method: str, url: str, params: dict) -> tuple[int, list[str], str]:
    # A copy of the persona's cookies: a request that logs out (or rotates the session) leaves the persona logged in.
    client = Client()
    client.cookies = SimpleCookie(persona_client.cookies.output(header="", sep=";"))
    with transaction.atomic(), policy.watch() as asked:
        response = client.get(url, params) if method == "GET" else client.post(url, params)
        transaction.set_rollback(True)
    return response.status_code, list(asked), response.get("Location", "")


def _judge(name: str, method: str, expected, persona: str, status: int, asked: list[str], location: str,
           public_view: bool) -> str | None:
    where = f"{method} {name} as {persona}: {status}"
    if status >= 500:
        return f"{where} (server error)"
    if expected == TOKEN:
        return None if status == 401 else f"{where}, expected 401 (the API takes a token, not the session)"
    if expected == PUBLIC:
        return None if public_view else f"{where}: the row says PUBLIC but the view is not marked @policy.public"
    if persona == "anonymous":
        if status == 405 and expected == NOT_ALLOWED:
            return None
        return None if status == 302 and "/login/" in location else f"{where}, expected a redirect to the login page"
    if expected == NOT_ALLOWED:
        return None if status == 405 else f"{where}, expected 405 (method not allowed)"
    if status == 405:
        return f"{where}: the view refuses the method; the row should say NOT_ALLOWED"
    if persona in expected:
        if status in REFUSED:
            return f"{where}, expected to be allowed"
    elif status not in REFUSED:
        return f"{where}, expected 403 or 404"
    if not asked and not public_view:
        return f"{where}: the view never asked the policy (call policy.require / can / scope_*, or mark @policy.public)"
    return None


@pytest.mark.django_db
def test_every_view_asks_the_policy_and_answers_every_persona_as_the_table_says(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    demo_build(today=dt.date(2026, 11, 23))
    world = World()
    clients = _clients(world.org)
    callbacks = _named_urls()
    only = {n for n in os.environ.get("WALK_ONLY", "").split(",") if n}
    record = os.environ.get("WALK_RECORD") == "1"
    problems: list[str] = []
    for name, row in sorted(VIEWS.items()):
        if name not in callbacks or (only and name not in only):
            continue
        url = reverse(f"{row.namespace}:{name}" if row.namespace else name, args=row.args(world))
        params = row.params(world) if row.params else {}
        public_view = bool(getattr(callbacks[name], "policy_public", False))
        seen: dict[str, dict[str, int]] = {"GET": {}, "POST": {}}
        for method, expected in (("GET", row.get), ("POST", row.post)):
            for persona in PERSONAS:
                status, asked, location = _ask(clients[persona], method, url, params)
                seen[method][persona] = status
                problem = _judge(name, method, expected, persona, status, asked, location, public_view)
                if problem:
                    problems.append(problem)
        if record:
            print(f"RECORD {name} GET {seen['GET']} POST {seen['POST']}")
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def _nomination_pk(w: World) -> int:
    """recog: the demo contest's first nomination."""
    from nastavnik.recognition.models import Nomination

    return Nomination.objects.filter(contest__organization=w.org).order_by("pk").values_list("pk", flat=True)[0]


def _honour_pk(w: World) -> int:
    """recog: the demo honour board's first entry (its photo is served only under a photo consent)."""
    from nastavnik.recognition.models import HonourEntry

    return HonourEntry.objects.filter(organization=w.org).order_by("pk").values_list("pk", flat=True)[0]
