import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from nastavnik.documents.models import Order
from nastavnik.documents.services import order_issue, order_number_next
from tests.documents.factories import school_with_director

pytestmark = pytest.mark.django_db


def _issue(org, date):
    return order_issue(organization=org, kind="other", date=date, subject="О тесте", payload={"items": ["Пункт"]})


def test_it_numbers_orders_one_after_another_within_a_year():
    org, _ = school_with_director()
    numbers = [_issue(org, dt.date(2026, 3, d)).number for d in (1, 2, 3)]
    assert numbers == [1, 2, 3]
    assert order_number_next(organization=org, year=2026) == 4


def test_it_restarts_numbering_every_year():
    org, _ = school_with_director()
    _issue(org, dt.date(2026, 12, 30))
    _issue(org, dt.date(2026, 12, 31))
    first_of_2027 = _issue(org, dt.date(2027, 1, 11))
    assert (first_of_2027.number, first_of_2027.year) == (1, 2027)
    assert first_of_2027.display_number == "1-н"


def test_it_numbers_each_organisation_separately():
    org_a, _ = school_with_director()
    org_b, _ = school_with_director()
    _issue(org_a, dt.date(2026, 5, 1))
    _issue(org_a, dt.date(2026, 5, 2))
    assert _issue(org_b, dt.date(2026, 5, 3)).number == 1
    assert order_number_next(organization=org_a, year=2026) == 3


def test_it_continues_after_the_highest_number_even_with_a_gap():
    org, _ = school_with_director()
    first = _issue(org, dt.date(2026, 5, 1))
    Order.objects.filter(pk=first.pk).update(number=7)
    assert _issue(org, dt.date(2026, 5, 2)).number == 8


def test_it_forbids_two_orders_with_the_same_number_in_a_year():
    org, _ = school_with_director()
    order = _issue(org, dt.date(2026, 5, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Order.objects.create(
            organization=org, kind="other", number=order.number, year=2026, date=dt.date(2026, 6, 1), subject="Дубль"
        )


def test_it_files_the_docx_under_the_organisation_and_number():
    org, _ = school_with_director(code="lyceum3")
    order = _issue(org, dt.date(2026, 5, 1))
    assert order.file.name.endswith("prikaz-lyceum3-2026-0001.docx")
    assert order.file.storage.exists(order.file.name)
    assert str(order) == "№ 1-н от 01.05.2026 «О тесте»"


@pytest.mark.django_db(transaction=True)
def test_it_gives_concurrent_issues_distinct_numbers():
    import threading

    from django.db import connection

    org, _ = school_with_director()
    results: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def worker(day: int) -> None:
        try:
            start.wait()
            results.append(_issue(org, dt.date(2026, 4, day)).number)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(d,)) for d in (1, 2, 3, 4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(results) == [1, 2, 3, 4]
