from django.contrib import admin

from nastavnik.surveys.models import Answer, Invitation, Question, Response, Section, Survey, SurveyVersion


class VersionInline(admin.TabularInline):
    model = SurveyVersion
    extra = 0
    fields = ["number", "published_at", "created_at"]
    readonly_fields = ["created_at"]
    show_change_link = True


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "purpose", "organization"]
    list_filter = ["purpose", "organization"]
    search_fields = ["title", "code"]
    inlines = [VersionInline]


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fields = [
        "section",
        "position",
        "code",
        "text",
        "help",
        "type",
        "required",
        "options",
        "min_value",
        "max_value",
        "labels",
    ]


@admin.register(SurveyVersion)
class SurveyVersionAdmin(admin.ModelAdmin):
    list_display = ["survey", "number", "published_at", "created_at"]
    list_filter = ["survey__purpose"]
    inlines = [SectionInline, QuestionInline]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    readonly_fields = ["question", "value"]
    can_delete = False


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    # Answers are what people said: the admin shows them but never edits them.
    list_display = ["version", "about", "respondent", "organization", "submitted_at"]
    list_filter = ["version__survey__purpose", "organization"]
    raw_id_fields = ["respondent", "about", "submitted_by"]
    readonly_fields = ["version", "content_type", "object_id", "submitted_at"]
    inlines = [AnswerInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["version", "person", "expires_at", "used_at", "created_at"]
    list_filter = ["version__survey"]
    raw_id_fields = ["person", "about", "response", "created_by"]
    readonly_fields = ["token"]
