"""The municipal figures are made of other apps' data: after a committed write of any of it the kept overviews are
stale (selectors.data_changed). Other apps know nothing of this; the municipal contour listens."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from nastavnik.documents.models import Order
from nastavnik.mentorships.models import Meeting, Mentorship, MentorshipMember
from nastavnik.municipal import selectors
from nastavnik.municipal.models import Headcount
from nastavnik.orgs.models import Organization
from nastavnik.people.models import Person
from nastavnik.programs.models import Activity, Program, Roadmap, RoadmapRemark

FIGURES_FROM = (
    Organization,
    Roadmap,
    Activity,
    RoadmapRemark,
    Order,
    Headcount,
    Person,
    Program,
    Mentorship,
    MentorshipMember,
)


def _changed(sender, **kwargs) -> None:
    # After the commit: a request computing meanwhile would still read the old rows and keep them as new.
    transaction.on_commit(selectors.data_changed)


for model in FIGURES_FROM:
    name = model._meta.label_lower
    post_save.connect(_changed, sender=model, dispatch_uid=f"municipal_figures_{name}_saved")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"municipal_figures_{name}_deleted")


# The indicators tab has a version of its own (selectors.indicators): the pairs' work renews it — a meeting, a
# measurement — without clearing the overview. Monitoring's models are named, not imported: nothing imports that app.
INDICATORS_FROM = (
    Organization,
    Person,
    Program,
    Mentorship,
    MentorshipMember,
    Meeting,
    "monitoring.Measurement",
    "monitoring.Grade",
    "monitoring.IndicatorEntry",
)


def _indicators_changed(sender, **kwargs) -> None:
    transaction.on_commit(selectors.indicators_changed)


for model in INDICATORS_FROM:
    name = model if isinstance(model, str) else model._meta.label_lower
    post_save.connect(_indicators_changed, sender=model, dispatch_uid=f"municipal_indicators_{name}_saved")
    post_delete.connect(_indicators_changed, sender=model, dispatch_uid=f"municipal_indicators_{name}_deleted")
