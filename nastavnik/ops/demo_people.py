"""Invented people for the demo: plausible Russian names, none of them taken from the seeds."""

import datetime as dt
import random
from dataclasses import dataclass

SURNAMES = [
    "Орлов",
    "Соколов",
    "Лебедев",
    "Воронцов",
    "Гусев",
    "Комаров",
    "Белов",
    "Крылов",
    "Панов",
    "Зайцев",
    "Кузнецов",
    "Медведев",
    "Яковлев",
    "Филиппов",
    "Ершов",
    "Савельев",
    "Тихонов",
    "Мельников",
    "Громов",
    "Суханов",
    "Назаров",
    "Голубев",
    "Виноградов",
    "Богданов",
    "Киселев",
    "Фролов",
    "Давыдов",
    "Калинин",
    "Щербаков",
    "Миронов",
    "Рябов",
    "Поляков",
    "Абрамов",
    "Ефимов",
    "Карпов",
    "Власов",
    "Маслов",
    "Исаев",
    "Сорокин",
    "Жуков",
]
MALE_NAMES = [
    "Алексей",
    "Андрей",
    "Артём",
    "Борис",
    "Владимир",
    "Георгий",
    "Даниил",
    "Егор",
    "Иван",
    "Кирилл",
    "Максим",
    "Матвей",
    "Никита",
    "Олег",
    "Павел",
    "Роман",
    "Семён",
    "Тимофей",
    "Фёдор",
    "Ярослав",
]
FEMALE_NAMES = [
    "Алина",
    "Анастасия",
    "Валерия",
    "Вера",
    "Дарья",
    "Екатерина",
    "Елена",
    "Ирина",
    "Ксения",
    "Людмила",
    "Марина",
    "Мария",
    "Надежда",
    "Ольга",
    "Полина",
    "Светлана",
    "София",
    "Татьяна",
    "Ульяна",
    "Юлия",
]
FATHERS = [
    "Александр",
    "Виктор",
    "Геннадий",
    "Дмитрий",
    "Евгений",
    "Игорь",
    "Константин",
    "Михаил",
    "Николай",
    "Пётр",
    "Сергей",
    "Юрий",
]


@dataclass(frozen=True)
class Name:
    last: str
    first: str
    middle: str
    female: bool


PATRONYMICS = {
    ("Александр", False): "Александрович",
    ("Александр", True): "Александровна",
    ("Виктор", False): "Викторович",
    ("Виктор", True): "Викторовна",
    ("Геннадий", False): "Геннадьевич",
    ("Геннадий", True): "Геннадьевна",
    ("Дмитрий", False): "Дмитриевич",
    ("Дмитрий", True): "Дмитриевна",
    ("Евгений", False): "Евгеньевич",
    ("Евгений", True): "Евгеньевна",
    ("Игорь", False): "Игоревич",
    ("Игорь", True): "Игоревна",
    ("Константин", False): "Константинович",
    ("Константин", True): "Константиновна",
    ("Михаил", False): "Михайлович",
    ("Михаил", True): "Михайловна",
    ("Николай", False): "Николаевич",
    ("Николай", True): "Николаевна",
    ("Пётр", False): "Петрович",
    ("Пётр", True): "Петровна",
    ("Сергей", False): "Сергеевич",
    ("Сергей", True): "Сергеевна",
    ("Юрий", False): "Юрьевич",
    ("Юрий", True): "Юрьевна",
}


class NameBook:
    """Hands out distinct invented names from a seeded random generator, so the demo is the same every time."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self._used: set[tuple[str, str, str]] = set()

    def name(self, *, female: bool | None = None, surname: str | None = None) -> Name:
        female = self.rng.random() < 0.6 if female is None else female
        while True:
            base = surname or self.rng.choice(SURNAMES)
            last = base + "а" if female else base
            first = self.rng.choice(FEMALE_NAMES if female else MALE_NAMES)
            middle = PATRONYMICS[(self.rng.choice(FATHERS), female)]
            if (last, first, middle) not in self._used:
                self._used.add((last, first, middle))
                return Name(last, first, middle, female)

    def birth_date(self, *, age: int, today: dt.date) -> dt.date:
        return today.replace(year=today.year - age) - dt.timedelta(days=self.rng.randint(30, 330))
