from django.db.models.fields import BLANK_CHOICE_LABEL
from django.utils import translation


def test_it_shows_the_blank_choice_of_a_select_in_russian():
    # Django 6.1's new label is not in its bundled Russian catalogue; the project's locale/ru supplies it.
    with translation.override("ru"):
        assert str(BLANK_CHOICE_LABEL) == "— выберите —"
