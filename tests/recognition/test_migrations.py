"""The data migration that turns the festival's guests text into records: how it splits and categorises."""

import importlib

migration = importlib.import_module("nastavnik.recognition.migrations.0003_festival_guests_and_awards")


def test_the_guests_text_is_split_into_one_guest_each():
    text = "Управление образования администрации города, родители;\nвыпускники школы.  ,"
    assert migration.split_guests(text) == ["Управление образования администрации города", "родители",
                                            "выпускники школы"]


def test_each_guest_gets_seed_000s_category_or_other():
    assert migration.guess_category("Управление образования администрации города") == "authorities"
    assert migration.guess_category("Газета «Вести»") == "media"
    assert migration.guess_category("Выпускники-наставники") == "graduates"
    assert migration.guess_category("Родительский комитет") == "family"
    assert migration.guess_category("Технопарк, социальный партнёр") == "partners"
    assert migration.guess_category("Гимназия № 2") == "education"
    assert migration.guess_category("Местные СМИ") == "media"
    assert migration.guess_category("Смирнова Ольга") == "other"  # a name is not a newspaper
    assert migration.guess_category("Почётный гость") == "other"
