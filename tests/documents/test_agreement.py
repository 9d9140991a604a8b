import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from nastavnik.documents.services import agreement_render
from nastavnik.people.models import Person
from tests.documents.factories import docx_tables, docx_text, school_with_director
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def external_mentor():
    return PersonFactory(
        organization=None,
        category=Person.Category.EMPLOYER,
        last_name="Ракитин",
        first_name="Сергей",
        middle_name="Львович",
        workplace="ООО «Вектор», инженер-конструктор",
    )


def test_it_renders_the_cooperation_agreement_with_an_external_mentor(external_mentor):
    org, _ = school_with_director(address="ул. Лесная, 5")
    data = agreement_render(
        mentor_person=external_mentor,
        organization=org,
        date=dt.date(2026, 10, 1),
        number="3/2026",
        term_until=dt.date(2027, 6, 30),
        program_title="Студент – ученик",
        focus="робототехника",
    )
    text = docx_text(data)
    assert "ДОГОВОР № 3/2026" in text
    assert "«1» октября 2026 г." in text
    assert org.name in text and "Ракитин Сергей Львович" in text
    assert "на безвозмездной основе" in text and "не производит оплату" in text
    assert "программы наставничества «Студент – ученик»" in text and "робототехника" in text
    assert "152-ФЗ «О персональных данных»" in text
    assert "действует до 30 июня 2027 г." in text
    signatures = docx_tables(data)[-1][0]
    assert "Л. М. Гроздева" in signatures[0] and "ул. Лесная, 5" in signatures[0]
    assert "С. Л. Ракитин" in signatures[1] and "ООО «Вектор», инженер-конструктор" in signatures[1]


def test_it_refuses_an_agreement_that_ends_before_it_starts(external_mentor):
    org, _ = school_with_director()
    with pytest.raises(ValidationError, match="Срок действия договора"):
        agreement_render(
            mentor_person=external_mentor,
            organization=org,
            date=dt.date(2026, 10, 1),
            number="1",
            term_until=dt.date(2026, 9, 1),
        )
