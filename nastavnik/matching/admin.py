from django.contrib import admin

from nastavnik.matching.models import (
    MatchSession,
    PairDecision,
    PreferenceCard,
    Proposal,
    SessionMentee,
    SessionMentor,
)


class MentorInline(admin.TabularInline):
    model = SessionMentor

    extra = 0
    raw_id_fields = ["candidate", "person"]


class MenteeInline(admin.TabularInline):
    model = SessionMentee

    extra = 0
    raw_id_fields = ["request", "person"]


@admin.register(MatchSession)
class MatchSessionAdmin(admin.ModelAdmin):
    list_display = ["date", "organization", "program", "status"]
    list_filter = ["status", "organization"]
    inlines = [MentorInline, MenteeInline]
    filter_horizontal = ["mentorships", "orders"]


@admin.register(PreferenceCard)
class PreferenceCardAdmin(admin.ModelAdmin):
    list_display = ["session", "person", "side", "filled_at", "entered_by"]
    list_filter = ["side", "entered_by"]
    raw_id_fields = ["person", "session_mentor", "session_mentee", "session"]
    exclude = ["token"]


@admin.register(PairDecision)
class PairDecisionAdmin(admin.ModelAdmin):
    list_display = ["session", "mentor", "mentee", "kind", "by_hand"]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["session", "objective", "created_at"]
