import pytest
from django.test import RequestFactory

from nastavnik.privacy.models import AccessLog
from nastavnik.privacy.services import access_log_record_many
from tests.factories import PersonFactory, person_with_login

pytestmark = pytest.mark.django_db


def test_it_logs_every_other_person_on_a_page_once_in_one_insert(django_assert_num_queries):
    viewer = person_with_login(role=None)
    others = [PersonFactory(), PersonFactory()]
    request = RequestFactory().get("/mentorships/1/")
    request.user = viewer.user
    with django_assert_num_queries(1):
        written = access_log_record_many(request=request, people=[viewer, *others, others[0]], action="mentorship.view")
    assert written == 2
    assert sorted(AccessLog.objects.values_list("person_id", flat=True)) == sorted(p.pk for p in others)
    assert not AccessLog.objects.filter(person=viewer).exists()
