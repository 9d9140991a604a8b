"""The municipal figures are made of other apps' data: after a committed write of any of it the kept overviews are
stale (selectors.data_changed). Other apps know nothing of this; the municipal contour listens."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from nastavnik.documents.models import Order
from nastavnik.mentorships.models import Mentorship, MentorshipMember
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
