"""Views of the mentorships app, by part of the pair's work."""

from nastavnik.mentorships.views.calendar import calendar_feed, calendar_rotate, my_calendar
from nastavnik.mentorships.views.meetings import (
    meeting_cancel,
    meeting_hold,
    meeting_ics,
    meeting_miss,
    meeting_reschedule,
    meeting_results,
    meeting_schedule,
    reflection,
)
from nastavnik.mentorships.views.members import member_add, member_remove
from nastavnik.mentorships.views.pages import attention, mentorship_detail, mentorship_list
from nastavnik.mentorships.views.requests import change_request_create, change_request_decide, mentorship_complete
from nastavnik.mentorships.views.work import (
    activity_add,
    activity_done,
    goal_add,
    goal_from_wish,
    plan_approve,
    plan_download,
    plan_save,
    step_add,
    step_done,
    wish_add,
    wish_delete,
)

__all__ = [
    "activity_add",
    "activity_done",
    "attention",
    "calendar_feed",
    "calendar_rotate",
    "change_request_create",
    "change_request_decide",
    "goal_add",
    "goal_from_wish",
    "meeting_cancel",
    "meeting_hold",
    "meeting_ics",
    "meeting_miss",
    "meeting_reschedule",
    "meeting_results",
    "meeting_schedule",
    "member_add",
    "member_remove",
    "mentorship_complete",
    "mentorship_detail",
    "mentorship_list",
    "my_calendar",
    "plan_approve",
    "plan_download",
    "plan_save",
    "reflection",
    "step_add",
    "step_done",
    "wish_add",
    "wish_delete",
]
