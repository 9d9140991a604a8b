"""The questionnaires shipped with the system, as plain dict specs, and the registry other apps add theirs to.

Spec format (the same for every questionnaire, wherever it is defined)::

    {
        "code": "mentee_request",            # slug, unique in the catalogue (a-z, 0-9, "_", "-")
        "title": "Анкета наставляемого",     # shown to the respondent
        "description": "…",                  # optional: an introduction shown above the questions
        "purpose": "mentee_request",         # one of Survey.Purpose: mentee_request, mentor_candidate, interview,
                                             # training_needs, reflection, final, match_card, monitoring, custom
        "sections": [                        # at least one; a section title may be ""
            {
                "title": "О себе",
                "questions": [
                    {
                        "code": "about_me",  # a-z, 0-9, "_"; unique within the questionnaire; answers are keyed by it
                        "text": "Расскажите о себе",
                        "help": "…",         # optional hint under the question
                        "type": "long_text", # short_text, long_text, single_choice, multiple_choice, scale,
                                             # likert, number, date, yes_no
                        "required": True,    # optional, default True
                        "options": ["…", "…"],  # single_choice / multiple_choice: required, at least two;
                                                # likert: optional, defaults to the five standard agreement levels
                        "min": 1, "max": 10,    # scale: the range (default 1–10, at most 21 steps);
                                                # number: optional bounds
                        "labels": ["совсем нет", "полностью"],  # scale: optional captions of the two ends
                    },
                ],
            },
        ],
    }

Texts are stored in the database as written, in Russian. Install a spec with
`nastavnik.surveys.services.survey_ensure(spec=…)`: it is idempotent and makes a new version only when the spec
changed, so old answers keep pointing at the questions they answered. Another app's questionnaires (reflections
after meetings, Mentor Match cards, monitoring) are added with `register(spec)` from that app's `AppConfig.ready()`;
`catalog_install()` (run after every `migrate`) then installs them together with the ones below.
"""

from __future__ import annotations

from typing import Any

from nastavnik.surveys.spec import spec_normalize

FREQUENCY = ["Два раза в неделю", "Раз в неделю", "Раз в две недели"]

MENTEE_REQUEST: dict[str, Any] = {
    "code": "mentee_request",
    "title": "Анкета наставляемого: мой запрос",
    "description": (
        "Эта анкета помогает куратору понять, с чем вам нужна поддержка, и подобрать наставника. "
        "Отвечайте так, как есть: правильных и неправильных ответов здесь нет. "
        "Ответы увидят только куратор программы, педагог-психолог и ваш будущий наставник."
    ),
    "purpose": "mentee_request",
    "sections": [
        {
            "title": "О себе",
            "questions": [
                {
                    "code": "role",
                    "text": "Кто вы в образовательной организации?",
                    "type": "single_choice",
                    "options": ["Обучающийся", "Студент", "Педагог", "Другое"],
                },
                {
                    "code": "about_me",
                    "text": "Кто я, чем занимаюсь?",
                    "help": "Несколько предложений: класс или должность, чем вы заняты в школе и вне её.",
                    "type": "long_text",
                },
                {
                    "code": "interests",
                    "text": "Ваши интересы и увлечения",
                    "type": "short_text",
                    "required": False,
                },
            ],
        },
        {
            "title": "Мой запрос",
            "questions": [
                {
                    "code": "why_join",
                    "text": "Почему вам хочется принять участие в программе наставничества?",
                    "type": "long_text",
                },
                {
                    "code": "help_areas",
                    "text": "В чём вам нужна поддержка наставника?",
                    "help": "Отметьте всё, что подходит.",
                    "type": "multiple_choice",
                    "options": [
                        "Учёба по отдельным предметам",
                        "Подготовка к олимпиадам, конкурсам, проектам",
                        "Выбор профессии и дальнейшего обучения",
                        "Общение с одноклассниками или коллегами",
                        "Адаптация на новом месте: в классе, в коллективе",
                        "Участие в жизни школы",
                        "Уверенность в себе, волнение, стресс",
                        "Организация своего времени",
                        "Цифровые программы и технологии",
                        "Для педагогов: методика преподавания и подготовка уроков",
                        "Для педагогов: учебно-методическая документация",
                        "Для педагогов: взаимодействие с родителями обучающихся",
                    ],
                },
                {
                    "code": "problem",
                    "text": "Над какими вопросами или проблемами вы хотели бы поработать?",
                    "type": "long_text",
                },
                {
                    "code": "goal",
                    "text": "Какого результата вы хотите достичь к концу программы?",
                    "help": "Как вы поймёте, что цель достигнута?",
                    "type": "long_text",
                    "required": False,
                },
                {
                    "code": "self_confidence",
                    "text": "Насколько вы сейчас уверены, что справитесь с этим самостоятельно?",
                    "type": "scale",
                    "min": 1,
                    "max": 10,
                    "labels": ["совсем не уверен", "полностью уверен"],
                },
            ],
        },
        {
            "title": "Наставник и встречи",
            "questions": [
                {
                    "code": "mentor_expectations",
                    "text": "Что вам важно увидеть в наставнике?",
                    "type": "long_text",
                },
                {
                    "code": "mentor_kind",
                    "text": "Кого вы хотели бы видеть своим наставником?",
                    "type": "single_choice",
                    "options": [
                        "Педагога",
                        "Обучающегося постарше или студента",
                        "Выпускника школы",
                        "Специалиста с предприятия",
                        "Мне всё равно",
                    ],
                },
                {
                    "code": "meeting_format",
                    "text": "Какой формат встреч вам удобен?",
                    "type": "multiple_choice",
                    "options": ["Очно, один на один", "Очно, в группе", "Дистанционно (онлайн)"],
                },
                {
                    "code": "free_time",
                    "text": "Когда вам удобно встречаться?",
                    "type": "multiple_choice",
                    "options": ["До уроков", "После уроков", "Вечером", "В выходные"],
                },
                {
                    "code": "frequency",
                    "text": "Как часто вы готовы встречаться с наставником?",
                    "help": "Встречи проходят не реже одного раза в две недели.",
                    "type": "single_choice",
                    "options": FREQUENCY,
                },
                {
                    "code": "start_from",
                    "text": "С какого числа вам удобно начать встречи?",
                    "type": "date",
                    "required": False,
                },
                {
                    "code": "ready_to_agree",
                    "text": "Готовы ли вы выполнять договорённости с наставником и отмечать итоги встреч?",
                    "type": "yes_no",
                },
            ],
        },
    ],
}

MENTOR_CANDIDATE: dict[str, Any] = {
    "code": "mentor_candidate",
    "title": "Чем я могу быть полезен в качестве наставника?",
    "description": (
        "Анкета-опросник для базы наставников. По ответам куратор сопоставляет ваш опыт и интересы "
        "с запросами наставляемых и приглашает на собеседование."
    ),
    "purpose": "mentor_candidate",
    "sections": [
        {
            "title": "Сведения о себе",
            "questions": [
                {
                    "code": "category",
                    "text": "Кто вы?",
                    "type": "single_choice",
                    "options": [
                        "Обучающийся",
                        "Педагог или специалист образовательной организации",
                        "Родитель обучающегося",
                        "Выпускник",
                        "Сотрудник предприятия",
                        "Предприниматель или общественный деятель",
                        "Ветеран педагогического труда",
                    ],
                },
                {
                    "code": "occupation",
                    "text": "Место работы или учёбы, должность или класс",
                    "type": "short_text",
                },
                {
                    "code": "experience_years",
                    "text": "Стаж работы, лет",
                    "help": "Если вы учитесь, оставьте поле пустым.",
                    "type": "number",
                    "required": False,
                    "min": 0,
                    "max": 70,
                },
            ],
        },
        {
            "title": "Опыт",
            "questions": [
                {
                    "code": "life_experience",
                    "text": "Жизненный опыт: что из пережитого вами может быть полезно наставляемому?",
                    "type": "long_text",
                },
                {
                    "code": "professional_experience",
                    "text": "Профессиональный опыт и успехи",
                    "help": "Победы в конкурсах, проекты, публикации, учебные пособия, вебинары и семинары.",
                    "type": "long_text",
                    "required": False,
                },
            ],
        },
        {
            "title": "Интересы и компетенции",
            "questions": [
                {
                    "code": "interests",
                    "text": "Ваши интересы и хобби",
                    "type": "long_text",
                },
                {
                    "code": "competencies",
                    "text": "В чём вы можете помочь наставляемому?",
                    "help": "Отметьте всё, что подходит.",
                    "type": "multiple_choice",
                    "options": [
                        "Учёба по предмету",
                        "Подготовка к олимпиадам и конкурсам",
                        "Проектная и исследовательская деятельность",
                        "Методика преподавания и подготовка уроков",
                        "Учебно-методическая документация",
                        "Цифровые навыки и технологии",
                        "Адаптация в коллективе",
                        "Общение и разрешение конфликтов",
                        "Выбор профессии, профориентация",
                        "Творчество, спорт, досуг",
                        "Лидерство и общественная активность",
                    ],
                },
                {
                    "code": "can_share",
                    "text": "Чем я могу и хочу поделиться с наставляемым?",
                    "type": "long_text",
                },
                {
                    "code": "mentor_type",
                    "text": "Какая роль наставника вам ближе?",
                    "type": "single_choice",
                    "options": [
                        "Консультант: помогаю с организацией работы, общением, трудными ситуациями",
                        "Предметник: помогаю по своему предмету или направлению",
                        "Затрудняюсь ответить",
                    ],
                },
            ],
        },
        {
            "title": "Кого я готов сопровождать",
            "questions": [
                {
                    "code": "mentee_age",
                    "text": "С наставляемыми какого возраста вы хотели бы работать?",
                    "type": "multiple_choice",
                    "options": [
                        "Младшие школьники (1–4 класс)",
                        "Подростки (5–9 класс)",
                        "Старшеклассники (10–11 класс)",
                        "Студенты",
                        "Молодые педагоги",
                        "Опытные педагоги",
                    ],
                },
                {
                    "code": "mentee_expectations",
                    "text": "Что мне важно увидеть в наставляемом?",
                    "type": "long_text",
                    "required": False,
                },
                {
                    "code": "mentee_count",
                    "text": "Скольких наставляемых вы готовы сопровождать одновременно?",
                    "type": "number",
                    "min": 1,
                    "max": 30,
                },
            ],
        },
        {
            "title": "Время и встречи",
            "questions": [
                {
                    "code": "time_per_month",
                    "text": "Сколько времени в месяц вы готовы уделять наставничеству?",
                    "type": "single_choice",
                    "options": ["До 2 часов", "2–4 часа", "4–8 часов", "Больше 8 часов"],
                },
                {
                    "code": "frequency",
                    "text": "Как часто вам удобно встречаться с наставляемым?",
                    "help": "Встречи проходят не реже одного раза в две недели.",
                    "type": "single_choice",
                    "options": FREQUENCY,
                },
                {
                    "code": "meeting_time",
                    "text": "В какое время вам удобно встречаться?",
                    "type": "multiple_choice",
                    "options": ["Утром, до уроков", "Днём", "После уроков", "Вечером", "В выходные"],
                },
                {
                    "code": "meeting_format",
                    "text": "Какой формат встреч вам подходит?",
                    "type": "multiple_choice",
                    "options": ["Очно, один на один", "Очно, с группой", "Дистанционно (онлайн)"],
                },
            ],
        },
        {
            "title": "Мотивация",
            "questions": [
                {
                    "code": "motivation",
                    "text": "Почему я хочу быть наставником?",
                    "type": "long_text",
                },
                {
                    "code": "readiness",
                    "text": "Насколько вы сейчас готовы к роли наставника?",
                    "type": "scale",
                    "min": 1,
                    "max": 10,
                    "labels": ["пока не готов", "полностью готов"],
                },
                {
                    "code": "ready_to_train",
                    "text": "Готовы ли вы пройти обучение в «Школе наставника»?",
                    "type": "yes_no",
                },
            ],
        },
    ],
}

_QUALITY_LABELS = ["не проявляется", "ярко выражено"]


def _quality(code: str, text: str) -> dict[str, Any]:
    return {"code": code, "text": text, "type": "scale", "min": 1, "max": 5, "labels": _QUALITY_LABELS}


INTERVIEW_RECORD: dict[str, Any] = {
    "code": "interview_record",
    "title": "Протокол собеседования с кандидатом в наставники",
    "description": (
        "Заполняет куратор или педагог-психолог по итогам собеседования: цель — выяснить уровень "
        "психологической готовности кандидата к наставнической деятельности."
    ),
    "purpose": "interview",
    "sections": [
        {
            "title": "Собеседование",
            "questions": [
                {"code": "held_on", "text": "Дата собеседования", "type": "date"},
                {"code": "interviewers", "text": "Кто проводил собеседование", "type": "short_text"},
                {
                    "code": "format",
                    "text": "Формат собеседования",
                    "type": "single_choice",
                    "options": ["Очно", "Дистанционно"],
                },
            ],
        },
        {
            "title": "Мотивация и возможности",
            "questions": [
                {
                    "code": "motivation",
                    "text": "Мотивация кандидата: почему он хочет быть наставником",
                    "type": "long_text",
                },
                {
                    "code": "expectations",
                    "text": "Ожидания кандидата от участия в программе",
                    "type": "long_text",
                    "required": False,
                },
                {
                    "code": "has_time",
                    "text": "Кандидат располагает временем для встреч не реже одного раза в две недели",
                    "type": "yes_no",
                },
            ],
        },
        {
            "title": "Психологическая готовность",
            "questions": [
                _quality("acceptance", "Принятие: готов принимать наставляемого таким, какой он есть"),
                _quality("listening", "Умеет слушать и слышать собеседника"),
                _quality("asking", "Умеет задавать вопросы, а не давать готовые ответы"),
                _quality("openness", "Равенство, честность и открытость в общении"),
                _quality("reliability", "Надёжность и последовательность: выполняет договорённости"),
                _quality("empathy", "Эмпатия"),
                _quality("communication", "Организационные и коммуникативные навыки"),
                {
                    "code": "readiness",
                    "text": "Уровень психологической готовности к наставнической деятельности",
                    "type": "single_choice",
                    "options": ["Высокий", "Достаточный", "Недостаточный"],
                },
            ],
        },
        {
            "title": "Решение",
            "questions": [
                {
                    "code": "recommendation",
                    "text": "Рекомендация",
                    "type": "single_choice",
                    "options": [
                        "Включить в базу отобранных наставников",
                        "Включить после обучения в «Школе наставника»",
                        "Не рекомендовать сейчас",
                    ],
                },
                {
                    "code": "mentor_type",
                    "text": "Рекомендуемый тип наставника",
                    "type": "single_choice",
                    "options": ["Консультант", "Предметник"],
                    "required": False,
                },
                {"code": "comment", "text": "Комментарий", "type": "long_text", "required": False},
            ],
        },
    ],
}


def _readiness(code: str, text: str) -> dict[str, Any]:
    return {"code": code, "text": text, "type": "likert"}


TRAINING_NEEDS: dict[str, Any] = {
    "code": "training_needs",
    "title": "Анкета потребностей в обучении наставников",
    "description": "Ответы помогут составить программу «Школы наставника»: выбрать темы, форматы и время занятий.",
    "purpose": "training_needs",
    "sections": [
        {
            "title": "Опыт наставничества",
            "questions": [
                {"code": "was_mentor", "text": "Был ли у вас опыт наставничества?", "type": "yes_no"},
                {
                    "code": "mentor_experience",
                    "text": "Если был, опишите его коротко: кого и в чём вы сопровождали",
                    "type": "long_text",
                    "required": False,
                },
                {
                    "code": "was_trained",
                    "text": "Проходили ли вы обучение наставников или курсы повышения квалификации по наставничеству?",
                    "type": "yes_no",
                },
            ],
        },
        {
            "title": "Насколько вы готовы",
            "questions": [
                _readiness("knows_values", "Я понимаю цели, основы и ценности наставнических отношений"),
                _readiness("builds_trust", "Я знаю, как выстроить доверительные отношения с наставляемым"),
                _readiness("sets_goals", "Я умею помочь наставляемому поставить цель и составить план её достижения"),
                _readiness("knows_teens", "Я знаю особенности общения с подростками"),
                _readiness("leads_reflection", "Я умею провести рефлексию после встречи"),
                _readiness("knows_ethics", "Я знаю принципы этичного и безопасного наставничества"),
            ],
        },
        {
            "title": "Чему хочется научиться",
            "questions": [
                {
                    "code": "topics",
                    "text": "Какие темы обучения вам нужны?",
                    "type": "multiple_choice",
                    "options": [
                        "Основы и ценности наставнических отношений",
                        "Особенности общения с подростками",
                        "Коммуникативные навыки",
                        "Установление позитивных личных отношений с наставляемым",
                        "Постановка целей и планирование",
                        "Помощь в развитии жизненных навыков",
                        "Формирование образовательных и карьерных траекторий",
                        "Возрастные и эмоциональные трудности наставляемых",
                        "Работа с семьёй наставляемого",
                        "Принципы этичного и безопасного наставничества",
                        "Сложные ситуации в наставничестве",
                    ],
                },
                {
                    "code": "style",
                    "text": "Какой стиль взаимоотношений с наставляемым вам ближе?",
                    "type": "single_choice",
                    "options": [
                        "Развивающий: важнее всего развитие отношений и самого наставляемого",
                        "Инструментальный: важнее всего достижение конкретной цели",
                        "Хочу разобраться в обоих",
                    ],
                },
                {
                    "code": "formats",
                    "text": "Какие форматы обучения вам удобны?",
                    "type": "multiple_choice",
                    "options": [
                        "Семинары",
                        "Тренинги и ролевые игры",
                        "Наставнические сессии",
                        "Встречи по обмену опытом",
                        "Конференции",
                        "Дистанционное обучение и вебинары",
                    ],
                },
                {
                    "code": "hours_per_month",
                    "text": "Сколько часов в месяц вы готовы уделять обучению?",
                    "type": "number",
                    "min": 0,
                    "max": 40,
                },
                {
                    "code": "questions",
                    "text": "Какие вопросы о наставничестве вы хотели бы обсудить на занятиях?",
                    "type": "long_text",
                    "required": False,
                },
            ],
        },
    ],
}

SHIPPED = (MENTEE_REQUEST, MENTOR_CANDIDATE, INTERVIEW_RECORD, TRAINING_NEEDS)

# Every spec catalog_install() installs, keyed by code: the shipped ones and those other apps register.
SPECS: dict[str, dict[str, Any]] = {spec["code"]: spec for spec in SHIPPED}


def register(spec: dict[str, Any]) -> None:
    """Add another app's questionnaire to the catalogue; checked now, so a bad spec fails at start-up."""
    spec_normalize(spec)
    existing = SPECS.get(spec["code"])
    if existing is not None and existing is not spec:
        raise ValueError(f"survey spec {spec['code']} is already registered")
    SPECS[spec["code"]] = spec
