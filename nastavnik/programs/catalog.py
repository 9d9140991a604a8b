"""The catalogue: forms of mentoring with their role models, and roadmap templates.

Plain data, written by reading the seeds (quoted by file name): `catalog_install()` in services.py upserts the forms
and role models into the database, `roadmap_create_from_template()` turns a template into a roadmap.

Conventions
- Categories are `Person.Category` codes: pupil, student, teacher, parent, graduate, employer, external.
- `mentor_tag` / `mentee_tag` are slugs that the mentor base and the mentee base use as candidate tags; matching
  compares them. Role models that describe the same relationship in two forms share their tags on purpose.
- Roadmap periods are month offsets from the month the roadmap starts (0 = that month); `period_text` is the
  document's wording rewritten relative to the start («1-й год» = the first twelve months). Activities the documents
  place before their own start date start at month 0 (noted where it happens).
- Real names of people and organisations from the seeds are replaced with neutral words («лицей», «школа»).
"""

from dataclasses import dataclass

# --- forms and role models -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoleModelSpec:
    code: str
    name: str
    description: str
    mentor_tag: str
    mentee_tag: str


@dataclass(frozen=True)
class FormSpec:
    code: str
    name: str
    description: str
    mentor_categories: tuple[str, ...]
    mentee_categories: tuple[str, ...]
    role_models: tuple[RoleModelSpec, ...]


# Teacher–teacher relationships that kindergartens (seed 004) describe in the same words as schools (seed 000):
# one definition, shared by both forms, so that both carry the same codes and tags.
_EXPERIENCED_YOUNG = RoleModelSpec(
    code="experienced_young",
    name="Опытный педагог – молодой специалист",
    description=(
        "Классический вариант поддержки со стороны опытного педагога для приобретения молодым педагогом "
        "необходимых профессиональных навыков (организационных, предметных, коммуникационных) "
        "и закрепления на месте работы."
    ),
    mentor_tag="experienced_teacher",
    mentee_tag="young_specialist",
)
_COMMUNITY_LEADER = RoleModelSpec(
    code="community_leader_struggling",
    name="Лидер педагогического сообщества – педагог, испытывающий затруднения",
    description=(
        "Психологическая и личностная поддержка педагога, который испытывает затруднения в коммуникации "
        "и социальном взаимодействии («не могу найти общий язык с учениками», «испытываю стресс во время "
        "уроков»), в сочетании с профессиональной помощью в развитии педагогических компетенций и инициатив."
    ),
    mentor_tag="community_leader",
    mentee_tag="struggling_teacher",
)
_INNOVATOR_CONSERVATIVE = RoleModelSpec(
    code="innovator_conservative",
    name="Педагог-новатор – консервативный педагог",
    description=(
        "Педагог, склонный к новаторству и нестандартным решениям, помогает опытному педагогу овладеть "
        "современными цифровыми технологиями и выводит его на рефлексивную позицию в отношении "
        "собственного педагогического опыта."
    ),
    mentor_tag="innovator",
    mentee_tag="conservative_teacher",
)

FORMS: tuple[FormSpec, ...] = (
    FormSpec(
        code="pupil_pupil",
        name="Ученик – ученик",
        description=(
            "Взаимодействие обучающихся одной образовательной организации: наставник — активный обучающийся "
            "с лидерскими и организаторскими качествами или высокими образовательными результатами, "
            "наставляемый — обучающийся, которому нужна поддержка в учёбе, адаптации или реализации проектов."
        ),
        mentor_categories=("pupil",),
        mentee_categories=("pupil",),
        # seed 002, «Возможные варианты программы наставничества «Ученик — ученик»».
        role_models=(
            RoleModelSpec(
                code="achiever_underachiever",
                name="Успевающий – неуспевающий",
                description="Достижение лучших образовательных результатов.",
                mentor_tag="high_achiever",
                mentee_tag="underachiever",
            ),
            RoleModelSpec(
                code="leader_passive",
                name="Лидер – пассивный",
                description=(
                    "Психоэмоциональная поддержка с адаптацией в коллективе или с развитием коммуникационных, "
                    "организационных, творческих, лидерских навыков."
                ),
                mentor_tag="leader",
                mentee_tag="passive",
            ),
            RoleModelSpec(
                code="peer_to_peer",
                name="Равный – равному",
                description="Обмен навыками для достижения целей.",
                mentor_tag="peer",
                mentee_tag="peer",
            ),
            RoleModelSpec(
                code="adapted_unadapted",
                name="Адаптированный – неадаптированный",
                description="Адаптация к новым условиям образования.",
                mentor_tag="adapted",
                mentee_tag="unadapted",
            ),
        ),
    ),
    FormSpec(
        code="teacher_teacher",
        name="Учитель – учитель",
        description=(
            "Взаимодействие педагогов школы: поддержка молодых и вновь принятых специалистов, педагогов "
            "в состоянии профессионального выгорания и тех, кто осваивает новые технологии; обмен опытом "
            "между предметниками."
        ),
        mentor_categories=("teacher",),
        mentee_categories=("teacher",),
        # seed 000, «Вариации ролевых моделей внутри формы «Учитель – Учитель»»; seed 004 for the shared ones.
        role_models=(
            RoleModelSpec(
                code="novice_master",
                name="Новичок – мастер",
                description=(
                    "Классический вариант поддержки для приобретения молодым специалистом необходимых "
                    "профессиональных навыков (организационных, коммуникационных) и закрепления на месте работы."
                ),
                mentor_tag="experienced_teacher",
                mentee_tag="young_specialist",
            ),
            _EXPERIENCED_YOUNG,
            RoleModelSpec(
                code="constrained_leader",
                name="Зажатый – лидер",
                description=(
                    "Психоэмоциональная поддержка («не могу найти общий язык с учениками», «испытываю стресс "
                    "во время уроков») в сочетании с профессиональной помощью в развитии педагогических "
                    "талантов и инициатив."
                ),
                mentor_tag="community_leader",
                mentee_tag="constrained_teacher",
            ),
            _COMMUNITY_LEADER,
            RoleModelSpec(
                code="physicist_linguist",
                name="Физик – русисту",
                description="Обмен навыками, необходимыми для развития метапредметных проектов и метакомпетенций.",
                mentor_tag="interdisciplinary",
                mentee_tag="interdisciplinary",
            ),
            RoleModelSpec(
                code="modern_experienced",
                name="Современный – опытному",
                description=(
                    "Более молодой учитель помогает опытному представителю «старой школы» овладеть современными "
                    "программами, цифровыми навыками и технологиями."
                ),
                mentor_tag="digital_savvy",
                mentee_tag="needs_digital_skills",
            ),
            RoleModelSpec(
                code="subject_expert_novice",
                name="Опытный предметник – неопытному предметнику",
                description=(
                    "Опытный педагог оказывает методическую поддержку по конкретному предмету: поиск пособий, "
                    "составление рабочих программ и тематических планов."
                ),
                mentor_tag="subject_expert",
                mentee_tag="subject_novice",
            ),
            _INNOVATOR_CONSERVATIVE,
        ),
    ),
    # «Педагог – педагог» is the kindergarten's name for «учитель – учитель» (seed 004; domain.md: «= педагог –
    # педагог»). It stays a form of its own rather than an alias because a ДОУ's regulation, orders and
    # programmes print this name, and a kindergarten has no «учителя»; its role models share codes and tags
    # with the school form, so matching and statistics treat the two alike.
    FormSpec(
        code="pedagogue_pedagogue",
        name="Педагог – педагог",
        description=(
            "Форма наставничества педагогических работников дошкольной образовательной организации: "
            "сокращение сроков адаптации молодых специалистов, закрепление молодого педагога на месте работы, "
            "рост его профессионального потенциала, комфортная профессиональная среда."
        ),
        mentor_categories=("teacher",),
        mentee_categories=("teacher",),
        # seed 004, section 3.1.1.
        role_models=(_EXPERIENCED_YOUNG, _COMMUNITY_LEADER, _INNOVATOR_CONSERVATIVE),
    ),
    FormSpec(
        code="teacher_pupil",
        name="Учитель – ученик",
        description=(
            "Педагог сопровождает обучающегося: проявившего выдающиеся способности, с неудовлетворительными "
            "образовательными результатами, с ограниченными возможностями здоровья, попавшего в трудную "
            "жизненную ситуацию, имеющего проблемы с поведением или отстранённого от коллектива."
        ),
        mentor_categories=("teacher",),
        mentee_categories=("pupil",),
        # seed 003 names the form and, in 4.6, the pupils who may be mentees; the role models follow that list.
        role_models=(
            RoleModelSpec(
                code="teacher_gifted",
                name="Учитель – одарённый ученик",
                description=(
                    "Поддержка обучающегося, проявившего выдающиеся способности: олимпиады, конкурсы, проекты."
                ),
                mentor_tag="subject_expert",
                mentee_tag="gifted",
            ),
            RoleModelSpec(
                code="teacher_underachiever",
                name="Учитель – неуспевающий ученик",
                description="Помощь обучающемуся с неудовлетворительными образовательными результатами.",
                mentor_tag="subject_expert",
                mentee_tag="underachiever",
            ),
            RoleModelSpec(
                code="teacher_special_needs",
                name="Учитель – ученик с ОВЗ",
                description=(
                    "Сопровождение обучающегося с ограниченными возможностями здоровья или особыми "
                    "образовательными потребностями."
                ),
                mentor_tag="special_needs_support",
                mentee_tag="special_needs",
            ),
            RoleModelSpec(
                code="teacher_at_risk",
                name="Учитель – ученик в трудной ситуации",
                description=(
                    "Поддержка обучающегося, попавшего в трудную жизненную ситуацию, имеющего проблемы "
                    "с поведением или не принимающего участия в жизни школы."
                ),
                mentor_tag="social_support",
                mentee_tag="at_risk",
            ),
        ),
    ),
    FormSpec(
        code="student_pupil",
        name="Студент – ученик",
        description=(
            "Студент колледжа или вуза помогает школьнику: в учёбе, в выборе профессии, в проектной работе, "
            "в адаптации к новым условиям."
        ),
        mentor_categories=("student", "graduate"),
        mentee_categories=("pupil",),
        role_models=(
            RoleModelSpec(
                code="achiever_underachiever",
                name="Успевающий – неуспевающий",
                description="Достижение лучших образовательных результатов.",
                mentor_tag="high_achiever",
                mentee_tag="underachiever",
            ),
            RoleModelSpec(
                code="leader_indifferent",
                name="Лидер – равнодушный",
                description="Вовлечение в школьную и проектную жизнь, развитие мотивации и лидерских навыков.",
                mentor_tag="leader",
                mentee_tag="passive",
            ),
            RoleModelSpec(
                code="peer_to_other",
                name="Равный – другому",
                description="Обмен навыками между участниками с разным опытом для достижения общих целей.",
                mentor_tag="peer",
                mentee_tag="peer",
            ),
            RoleModelSpec(
                code="curator_project_author",
                name="Куратор – автор проекта",
                description="Студент сопровождает школьника в подготовке и реализации его проекта.",
                mentor_tag="project_curator",
                mentee_tag="project_author",
            ),
        ),
    ),
    FormSpec(
        code="employer_pupil",
        name="Работодатель – ученик",
        description=(
            "Сотрудник предприятия, предприниматель, выпускник или родитель-профессионал помогает школьнику "
            "с профессиональной ориентацией и первыми профессиональными навыками; с внешним наставником "
            "заключается договор о сотрудничестве."
        ),
        mentor_categories=("employer", "graduate", "parent", "external"),
        mentee_categories=("pupil",),
        role_models=(
            RoleModelSpec(
                code="professional_indifferent",
                name="Активный профессионал – равнодушный потребитель",
                description="Мотивационная поддержка: знакомство с профессией, развитие интереса и инициативы.",
                mentor_tag="active_professional",
                mentee_tag="indifferent",
            ),
            RoleModelSpec(
                code="colleague_young_colleague",
                name="Коллега – молодой коллега",
                description="Совместная работа над проектом, в котором школьник получает профессиональный опыт.",
                mentor_tag="colleague",
                mentee_tag="young_colleague",
            ),
            RoleModelSpec(
                code="employer_future_employee",
                name="Работодатель – будущий сотрудник",
                description="Профессиональная подготовка мотивированного школьника к будущей работе.",
                mentor_tag="employer",
                mentee_tag="future_employee",
            ),
        ),
    ),
    FormSpec(
        code="employer_student",
        name="Работодатель – студент",
        description=(
            "Сотрудник предприятия помогает студенту колледжа освоить профессию, получить практический опыт "
            "и закрепиться на будущем месте работы; с внешним наставником заключается договор о сотрудничестве."
        ),
        mentor_categories=("employer", "graduate", "external"),
        mentee_categories=("student",),
        role_models=(
            RoleModelSpec(
                code="professional_indifferent",
                name="Активный профессионал – равнодушный потребитель",
                description="Мотивационная поддержка: развитие интереса к профессии и инициативы.",
                mentor_tag="active_professional",
                mentee_tag="indifferent",
            ),
            RoleModelSpec(
                code="colleague_young_colleague",
                name="Коллега – молодой коллега",
                description="Совместная работа над производственными и проектными задачами.",
                mentor_tag="colleague",
                mentee_tag="young_colleague",
            ),
            RoleModelSpec(
                code="employer_future_employee",
                name="Работодатель – будущий сотрудник",
                description="Подготовка студента к работе на предприятии: стажировки, практика, трудоустройство.",
                mentor_tag="employer",
                mentee_tag="future_employee",
            ),
        ),
    ),
)

# Which categories of mentees each kind of organisation has (Organization.Kind → Person.Category): a programme's
# form fits the organisation when all its mentee categories are here. Mentors may come from outside (students,
# employers, graduates), so only the mentee side is checked. A kindergarten's children are not «обучающиеся»
# of any form: its only form is teachers mentoring teachers (seed 004).
ORGANIZATION_MENTEES: dict[str, frozenset[str]] = {
    "school": frozenset({"pupil", "teacher"}),
    "lyceum": frozenset({"pupil", "teacher"}),
    "gymnasium": frozenset({"pupil", "teacher"}),
    "kindergarten": frozenset({"teacher"}),
    "college": frozenset({"student", "teacher"}),
    "additional": frozenset({"pupil", "teacher"}),
}


# --- roadmap templates ---------------------------------------------------------------------------------------

PREPARATION = "preparation"
MENTEE_BASE = "mentee_base"
MENTOR_BASE = "mentor_base"
SELECTION_TRAINING = "selection_training"
MATCHING = "matching"
WORK = "work"
COMPLETION = "completion"


@dataclass(frozen=True)
class ActivitySpec:
    number: str
    stage: str  # a `Stage` value
    stage_title: str  # the stage's title in the document
    title: str
    start: int  # month offset from the roadmap's first month
    end: int  # inclusive
    period_text: str  # the document's wording, relative to the start
    responsible_roles: tuple[str, ...]  # `Role` codes
    responsible_text: str  # as the document says it, including those without a role in the system
    expected_result: str
    control_point: str = ""  # non-empty for a control point (КТ)
    period_note: str = ""  # «далее – ежемесячно», «ежегодно», «постоянно»


@dataclass(frozen=True)
class RoadmapTemplate:
    code: str
    title: str
    description: str
    start_month: int  # the calendar month the document starts in (9 = September)
    months: int  # the roadmap's length in months
    activities: tuple[ActivitySpec, ...]


_L0 = "Подготовительный этап"
_L1 = "Этап 1. Подготовка условий для запуска программы наставничества"
_L2 = "Этап 2. Формирование базы наставляемых"
_L3 = "Этап 3. Формирование базы наставников"
_L4 = "Этап 4. Отбор и обучение наставников"
_L5 = "Этап 5. Формирование наставнических пар/групп"
_L6 = "Этап 6. Организация работы наставнических пар / групп"
_L7 = "Этап 7. Завершение наставничества"

_STAGE_REPORT = (
    "Описание хода реализации этапа и выработка предложений по эффективности достижения цели и задачи этапа."
)

# seed 001: the lyceum's roadmap for teachers, September 2023 – August 2026 (month 0 = September of year 1).
LYCEUM_2023 = RoadmapTemplate(
    code="lyceum_2023",
    title="Дорожная карта внедрения и реализации целевой модели наставничества педагогических работников лицея",
    description=(
        "Трёхлетняя дорожная карта лицея: подготовительный этап и этапы 1–7 с мероприятиями, сроками, "
        "ответственными, результатами и контрольными точками (КТ). Начинается в сентябре."
    ),
    start_month=9,
    months=36,
    activities=(
        # The document starts this study in August, a month before its own period: here it starts at month 0.
        ActivitySpec(
            number="0",
            stage=PREPARATION,
            stage_title=_L0,
            title=(
                "Изучение целевой модели наставничества, нормативных документов Министерства просвещения РФ "
                "и регионального органа управления образованием. Обучение специалистов. Знакомство с практиками "
                "наставничества в России и за рубежом. Формирование готовности коллектива к участию "
                "в реализации программы"
            ),
            start=0,
            end=32,
            period_text="Август (до начала 1-го года) – май, 3-й год",
            responsible_roles=("director", "coordinator", "method_head", "psychologist"),
            responsible_text=(
                "Директор, заместитель директора по учебно-воспитательной работе, руководитель кафедры, "
                "педагог-психолог, социальный педагог"
            ),
            expected_result=(
                "Курсы повышения квалификации: 1. «Технологии наставничества в профессиональной деятельности "
                "руководящих и педагогических кадров (менторство, тьюторство, наставничество)»; "
                "2. «Деятельность региональных центров наставничества»; 3. «Деятельность кураторов, наставников "
                "образовательных организаций общего образования по реализации целевой модели наставничества»"
            ),
        ),
        ActivitySpec(
            number="1.1",
            stage=PREPARATION,
            stage_title=_L1,
            title="Обеспечить нормативно-правовое и программно-методическое оформление программы наставничества",
            start=0,
            end=1,
            period_text="Сентябрь – октябрь, 1-й год",
            responsible_roles=("director",),
            responsible_text="Директор",
            expected_result=(
                "Приказ о внедрении целевой модели наставничества (утверждение Положения о наставничестве, "
                "дорожной карты внедрения системы наставничества). Положение о наставничестве на срок программы "
                "(общие положения; цель и задачи наставничества, формы наставничества, критерии, методы "
                "и процедуры отбора/выдвижения наставников; права и обязанности наставников, наставляемых "
                "и куратора; мотивация наставников и куратора; организация «Школы наставника», общие критерии "
                "эффективности работы наставников; формы отчётности и др.). Дорожная карта внедрения системы "
                "наставничества (наименование этапа, сроки, мероприятия этапа и ответственные)"
            ),
        ),
        ActivitySpec(
            number="1.2",
            stage=PREPARATION,
            stage_title=_L1,
            title="Создать организационные условия для осуществления программы наставничества",
            start=0,
            end=1,
            period_text="Сентябрь – октябрь, 1-й год",
            responsible_roles=("director", "curator", "method_head"),
            responsible_text="Директор, куратор, руководители кафедр, проектная команда",
            expected_result=(
                "Приказ о назначении ответственных: куратор от организации, проектная команда для разработки "
                "портфеля проектов по наставничеству, координации работ и концентрации ресурсов обеспечения "
                "программы. Программа наставничества образовательной организации, длительность программы – 3 года"
            ),
        ),
        ActivitySpec(
            number="1.3",
            stage=PREPARATION,
            stage_title=_L1,
            title="Определить заинтересованные в наставничестве аудитории внутри и вне организации",
            start=0,
            end=1,
            period_text="Сентябрь – октябрь, 1-й год",
            responsible_roles=(),
            responsible_text="Образовательная организация",
            expected_result="Формы согласий на обработку персональных данных от участников наставнической программы",
        ),
        ActivitySpec(
            number="1.4",
            stage=PREPARATION,
            stage_title=_L1,
            title=(
                "Разработать систему мотивирования и поощрения потенциальных наставников за участие в программе "
                "(повышение социального статуса, личный рост, привлечение перспективных кадров, развитие "
                "собственных гибких навыков)"
            ),
            start=0,
            end=1,
            period_text="Сентябрь – октябрь, 1-й год",
            responsible_roles=("curator", "method_head"),
            responsible_text="Куратор, руководители кафедр",
            expected_result="Положение о формах и условиях поощрения и стимулирования куратора и наставников",
        ),
        ActivitySpec(
            number="1.5",
            stage=PREPARATION,
            stage_title=_L1,
            title="Создать условия для информационного обеспечения внедрения целевой модели наставничества",
            start=0,
            end=1,
            period_text="Сентябрь – октябрь, 1-й год",
            responsible_roles=("curator", "method_head"),
            responsible_text="Куратор, руководители кафедр",
            expected_result="Сайт лицея, страница лицея в социальной сети",
        ),
        ActivitySpec(
            number="1.6",
            stage=PREPARATION,
            stage_title=_L1,
            title="Мониторинг и оценка качества процесса реализации программы наставничества по итогам 1 этапа",
            start=2,
            end=2,
            period_text="КТ – ноябрь, 1-й год",
            responsible_roles=("method_head",),
            responsible_text="Образовательная организация, руководители кафедр",
            expected_result=(
                "Анализ реализуемых программ наставничества, выделение сильных и слабых сторон, изменения "
                "качественных и количественных показателей социального и профессионального благополучия, "
                "расхождения между ожиданиями и реальными результатами участников программы наставничества. "
                "Анализ соответствия методологии (целевой модели) наставничества. " + _STAGE_REPORT
            ),
            control_point="Оценка качества реализации программы наставничества по итогам этапа 1",
        ),
        # The document dates 2.1 «Сентябрь 2022 г.», a year before the roadmap begins: an evident misprint for
        # the roadmap's first September.
        ActivitySpec(
            number="2.1",
            stage=MENTEE_BASE,
            stage_title=_L2,
            title="Информировать педагогическое сообщество о возможностях и целях программы",
            start=0,
            end=0,
            period_text="Сентябрь, 1-й год",
            responsible_roles=("curator", "method_head"),
            responsible_text="Куратор, проектная команда, руководители кафедр",
            expected_result=(
                "Протокол заседания педагогического совета. Согласия на сбор и обработку персональных данных "
                "от педагогов – участников программы"
            ),
        ),
        ActivitySpec(
            number="2.2",
            stage=MENTEE_BASE,
            stage_title=_L2,
            title=(
                "Организовать сбор запросов наставляемых (анкетирование для анализа потребностей среди педагогов), "
                "желающих принять участие в программе наставничества"
            ),
            start=2,
            end=2,
            period_text="Ноябрь, 1-й год",
            responsible_roles=("curator", "method_head"),
            responsible_text="Куратор, проектная команда, руководители кафедр",
            expected_result=(
                "База данных о предварительных запросах педагогов по потребностям в обучении и развитии навыков, "
                "компетенций"
            ),
        ),
        ActivitySpec(
            number="2.3",
            stage=MENTEE_BASE,
            stage_title=_L2,
            title=(
                "Провести уточняющий анализ потребности в обучении и развитии (анкетный опрос, интервью, "
                "наблюдения и другое) о запросах наставляемых"
            ),
            start=2,
            end=2,
            period_text="Ноябрь, 1-й год",
            responsible_roles=("curator", "method_head"),
            responsible_text="Куратор, руководители кафедр",
            expected_result=(
                "Отчёт по результатам анкетирования. База наставляемых (перечень лиц, желающих иметь наставников) "
                "с перечнем запросов для подбора кандидатов в наставники"
            ),
        ),
        ActivitySpec(
            number="2.4",
            stage=MENTEE_BASE,
            stage_title=_L2,
            title=(
                "Анализ соответствия выявленных запросов наставляемых выбранным формам наставничества "
                "в программе наставничества"
            ),
            start=2,
            end=2,
            period_text="Ноябрь, 1-й год",
            responsible_roles=("curator", "method_head"),
            responsible_text="Куратор, проектная команда, руководители кафедр",
            expected_result="Лист изменений к программе наставничества (при необходимости)",
        ),
        ActivitySpec(
            number="2.5",
            stage=MENTEE_BASE,
            stage_title=_L2,
            title="Популяризация программы наставничества среди наставляемых",
            start=2,
            end=2,
            period_text="Ноябрь, 1-й год",
            responsible_roles=("curator", "method_head"),
            responsible_text="Куратор, руководители кафедр",
            expected_result=(
                "Анонсы, программы мероприятий и отчёты об их проведении на сайте на странице «Наставничество»"
            ),
        ),
        ActivitySpec(
            number="2.6",
            stage=MENTEE_BASE,
            stage_title=_L2,
            title="Входной мониторинг влияния программы на наставляемых по итогам этапа",
            start=3,
            end=3,
            period_text="КТ – декабрь, 1-й год",
            responsible_roles=("curator", "method_head"),
            responsible_text="Куратор, руководители кафедр",
            expected_result="Глубокая оценка изучаемых личностных характеристик наставляемых. " + _STAGE_REPORT,
            control_point="Входной мониторинг влияния программы на наставляемых",
        ),
        ActivitySpec(
            number="3.1",
            stage=MENTOR_BASE,
            stage_title=_L3,
            title=(
                "Информировать потенциальных наставников о целях и задачах программы, её принципах и планируемых "
                "результатах (на профильных мероприятиях, при личных встречах)"
            ),
            start=2,
            end=3,
            period_text="Ноябрь – декабрь, 1-й год, далее – ежемесячно",
            period_note="далее – ежемесячно",
            responsible_roles=("curator", "method_head"),
            responsible_text="Куратор, руководители кафедр",
            expected_result=(
                "Программа информационного продвижения моделей наставничества. Анкета-опросник «Чем я могу быть "
                "полезен в качестве наставника?»"
            ),
        ),
        ActivitySpec(
            number="3.2",
            stage=MENTOR_BASE,
            stage_title=_L3,
            title="Подготовить информационную базу для выявления кандидатов в наставники",
            start=2,
            end=3,
            period_text="Ноябрь – декабрь, 1-й год",
            responsible_roles=("curator", "method_head"),
            responsible_text="Куратор, руководители кафедр",
            expected_result=(
                "Выбор информационного ресурса базы наставников, форма портфолио наставника, онлайн-опросник, "
                "таблица данных по критериям: жизненный опыт, сфера интересов, профессиональные компетенции, "
                "возрастная категория потенциальных наставляемых, ресурс времени"
            ),
        ),
        ActivitySpec(
            number="3.3",
            stage=MENTOR_BASE,
            stage_title=_L3,
            title=(
                "Провести предварительную оценку наставнических пар, соотнести потребности базы наставляемых "
                "и базы наставников. Провести собеседования с наставниками по их участию в программе наставничества"
            ),
            start=2,
            end=3,
            period_text="Ноябрь – декабрь, 1-й год",
            responsible_roles=("curator", "psychologist", "method_head"),
            responsible_text="Куратор, педагог-психолог, руководители кафедр",
            expected_result=(
                "Отчёт по результатам анализа заполненных анкет потенциальных наставников и сопоставление данных "
                "с анкетами наставляемых"
            ),
        ),
        ActivitySpec(
            number="4.1",
            stage=SELECTION_TRAINING,
            stage_title=_L4,
            title=(
                "Провести отбор (выдвижение) наставников в соответствии с Положением о наставничестве "
                "и утвердить реестр наставников"
            ),
            start=3,
            end=4,
            period_text="Декабрь – январь, 1-й год",
            responsible_roles=("director",),
            responsible_text="Директор",
            expected_result=(
                "Приказ об утверждении реестра наставников, размещение приказа на сайте организации – странице проекта"
            ),
        ),
        ActivitySpec(
            number="4.2",
            stage=SELECTION_TRAINING,
            stage_title=_L4,
            title=(
                "Провести анализ потребности в обучении наставников. Заполнить анкеты в письменной форме всеми "
                "потенциальными наставниками"
            ),
            start=3,
            end=4,
            period_text="Декабрь – январь, 1-й год",
            responsible_roles=("curator", "method_head"),
            responsible_text="Куратор, руководители кафедр",
            expected_result=(
                "Отчёт по итогам анализа потребностей в обучении. Анкеты о наставниках (сведения о кандидате, "
                "его опыте и намерениях, мотивации участвовать в программе наставничества, об особых интересах, "
                "хобби, предпочтениях в выборе наставляемого, а также о предпочтениях в отношении времени "
                "и периодичности встреч)"
            ),
        ),
        ActivitySpec(
            number="4.3",
            stage=SELECTION_TRAINING,
            stage_title=_L4,
            title=(
                "Обучение наставников по дополнительной профессиональной программе повышения квалификации наставников"
            ),
            start=12,
            end=23,
            period_text="2-й учебный год",
            responsible_roles=("coordinator",),
            responsible_text="Заместитель директора",
            expected_result=(
                "Дополнительная профессиональная программа повышения квалификации наставников (36 часов, заочная "
                "форма). Утверждение программ и графика обучения наставников"
            ),
        ),
        ActivitySpec(
            number="5.1",
            stage=MATCHING,
            stage_title=_L5,
            title=(
                "Организовать групповые встречи для формирования пар или групп (с использованием различных "
                "форматов деловых событий: квест, соревнование, деловые игры, конкурсы, конференции и другие)"
            ),
            start=5,
            end=5,
            period_text="Февраль, 1-й год",
            responsible_roles=("curator", "method_head"),
            responsible_text="Куратор, проектная команда, руководители кафедр",
            expected_result="Сценарии встреч, памятки для наставников",
        ),
        ActivitySpec(
            number="5.2",
            stage=MATCHING,
            stage_title=_L5,
            title=(
                "Провести анкетирование на предмет предпочитаемого наставника/наставляемого после завершения "
                "групповой встречи"
            ),
            start=5,
            end=5,
            period_text="Февраль, 1-й год",
            responsible_roles=("curator", "method_head"),
            responsible_text="Куратор, руководители кафедр",
            expected_result="Анализ анкет групповой встречи и соединение наставников и наставляемых в пары",
        ),
        ActivitySpec(
            number="5.3",
            stage=MATCHING,
            stage_title=_L5,
            title=(
                "Организовать пробную рабочую встречу и встречу-планирование наставников и наставляемых "
                "с заполнением анкет"
            ),
            start=5,
            end=5,
            period_text="Февраль, 1-й год",
            responsible_roles=("curator", "method_head"),
            responsible_text="Куратор, руководители кафедр",
            expected_result=(
                "Анализ анкет «обратной связи» о психологической совместимости сформированных пар (анкеты "
                "от наставников и от наставляемых)"
            ),
        ),
        ActivitySpec(
            number="5.4",
            stage=MATCHING,
            stage_title=_L5,
            title=(
                "Обеспечить психологическое сопровождение наставляемым, не сформировавшим пару или группу "
                "(при необходимости), продолжить поиск наставника либо назначить его директивно"
            ),
            start=5,
            end=5,
            period_text="Февраль, 1-й год",
            responsible_roles=("curator",),
            responsible_text="Куратор",
            expected_result="Памятки для наставляемых",
        ),
        ActivitySpec(
            number="5.5",
            stage=MATCHING,
            stage_title=_L5,
            title=(
                "Информировать участников о сложившихся парах/группах. Закрепление пар/групп распоряжением "
                "руководителя образовательной организации"
            ),
            start=11,
            end=11,
            period_text="Август, 1-й год",
            responsible_roles=("director",),
            responsible_text="Директор",
            expected_result="Приказ об утверждении наставнических пар/групп",
        ),
        ActivitySpec(
            number="5.6",
            stage=MATCHING,
            stage_title=_L5,
            title="Мониторинг и оценка влияния программ на всех участников по итогам этапа",
            start=11,
            end=11,
            period_text="КТ – август, 1-й год",
            responsible_roles=("curator", "method_head"),
            responsible_text="Куратор, руководители кафедр",
            expected_result="Оценка динамики характеристик образовательного процесса. " + _STAGE_REPORT,
            control_point="Оценка влияния программ на всех участников по итогам формирования пар и групп",
        ),
        ActivitySpec(
            number="6.1",
            stage=WORK,
            stage_title=_L6,
            title="Провести первую, организационную, встречу наставника и наставляемого (встреча-знакомство)",
            start=12,
            end=12,
            period_text="Сентябрь, 2-й год",
            responsible_roles=("curator", "method_head"),
            responsible_text="Куратор, руководители кафедр",
            expected_result=(
                "Результаты знакомства: наставник и наставляемый готовы к дальнейшему взаимодействию, между ними "
                "возникло понимание, они готовы поставить (и ставят) цель на первую встречу, назначают её время"
            ),
        ),
        ActivitySpec(
            number="6.2",
            stage=WORK,
            stage_title=_L6,
            title="Провести вторую рабочую встречу наставника и наставляемого (пробная рабочая встреча)",
            start=16,
            end=16,
            period_text="Январь, 2-й год",
            responsible_roles=("curator", "method_head"),
            responsible_text="Куратор, руководители кафедр",
            expected_result=(
                "Результаты пробной рабочей встречи: наставник и наставляемый понимают, чем могут быть полезны "
                "друг другу, что подходят по стилю общения и темпераменту, начинают выстраивать доверительные "
                "отношения, получают первый результат, готовы к созданию долгосрочного взаимодействия"
            ),
        ),
        ActivitySpec(
            number="6.3",
            stage=WORK,
            stage_title=_L6,
            title=(
                "Провести встречи-планирования рабочего процесса в рамках программы наставничества с наставником "
                "и наставляемым"
            ),
            start=17,
            end=17,
            period_text="Февраль, 2-й год",
            responsible_roles=("curator", "mentor"),
            responsible_text="Куратор, наставники",
            expected_result=(
                "Результаты встречи-планирования: поставлены цели и определены сроки взаимодействия, создан "
                "примерный план встреч в рамках программы наставничества"
            ),
        ),
        ActivitySpec(
            number="6.4",
            stage=WORK,
            stage_title=_L6,
            title=(
                "Организовать комплекс последовательных регулярных встреч наставника и наставляемого "
                "с обязательным заполнением форм обратной связи"
            ),
            start=17,
            end=23,
            period_text="Февраль – август, 2-й год",
            responsible_roles=("mentor",),
            responsible_text="Наставники",
            expected_result="Встречи проводятся не реже одного раза в неделю",
        ),
        ActivitySpec(
            number="6.5",
            stage=WORK,
            stage_title=_L6,
            title=(
                "Организовать итоговые встречи: провести заключительную встречу наставника и наставляемого, "
                "групповую заключительную встречу всех пар и групп наставников и наставляемых; провести групповую "
                "рефлексию, обменяться опытом, вдохновить участников успехами друг друга и обсудить "
                "(по возможности) возникшие проблемы"
            ),
            start=23,
            end=23,
            period_text="Август, 2-й год",
            responsible_roles=("curator", "mentor"),
            responsible_text="Куратор, наставники",
            expected_result=(
                "Результаты итоговых встреч: парная и групповая рефлексия, обмен опытом, качество отношений, "
                "обогащение успехами друг друга, обсуждение (по возможности) возникших проблем, планирование "
                "продолжения отношений"
            ),
        ),
        ActivitySpec(
            number="6.6",
            stage=WORK,
            stage_title=_L6,
            title="Организовать текущий контроль достижения планируемых результатов наставниками",
            start=20,
            end=20,
            period_text="КТ – май, 2-й год, далее – ежемесячно",
            period_note="далее – ежемесячно",
            responsible_roles=("curator",),
            responsible_text="Куратор",
            expected_result=(
                "Сбор форм обратной связи от наставников и наставляемых, их анализ: получение анкет "
                "от наставляемых для мониторинга динамики влияния программы на наставляемых; получение анкет "
                "от наставников, наставляемых и кураторов для мониторинга эффективности реализации программы"
            ),
            control_point="Текущий контроль достижения планируемых результатов наставниками",
        ),
        ActivitySpec(
            number="6.7",
            stage=WORK,
            stage_title=_L6,
            title=(
                "Транслировать промежуточные результаты программы партнёрам программы / медиа для актуализации "
                "и потенциального вовлечения в будущий цикл программы"
            ),
            start=17,
            end=23,
            period_text="Февраль – август, 2-й год",
            responsible_roles=("curator", "method_head"),
            responsible_text="Куратор, руководители кафедр",
            expected_result="Публикации аналитических отчётов на сайте",
        ),
        # The document numbers the next item 6.9: there is no 6.8.
        ActivitySpec(
            number="6.9",
            stage=WORK,
            stage_title=_L6,
            title="Мониторинг и оценка влияния программ на всех участников по итогам этапа",
            start=23,
            end=23,
            period_text="Август, 2-й год",
            responsible_roles=("curator", "mentor"),
            responsible_text="Куратор, наставники",
            expected_result=(
                "Оценка динамики характеристик образовательного процесса (оценка качества изменений в освоении "
                "обучающимися образовательных программ). " + _STAGE_REPORT
            ),
        ),
        ActivitySpec(
            number="7.1",
            stage=COMPLETION,
            stage_title=_L7,
            title=(
                "Организовать «обратную связь» с наставниками, наставляемыми и куратором (провести итоговое "
                "анкетирование участников по итогам реализации программы)"
            ),
            start=35,
            end=35,
            period_text="Август, 3-й год",
            responsible_roles=("curator",),
            responsible_text="Куратор",
            expected_result="Анализ личной удовлетворённости участием в программе наставничества",
        ),
        ActivitySpec(
            number="7.2",
            stage=COMPLETION,
            stage_title=_L7,
            title="Подвести итоги мониторинга эффективности реализации программы",
            start=35,
            end=35,
            period_text="Август, 3-й год",
            responsible_roles=("curator", "mentor"),
            responsible_text="Куратор, наставники",
            expected_result="Отчёт по итогам наставнической программы (включая отчёты наставников и куратора)",
        ),
        ActivitySpec(
            number="7.3",
            stage=COMPLETION,
            stage_title=_L7,
            title="Организовать обсуждения результатов эффективности реализации программ наставнических пар",
            start=35,
            end=35,
            period_text="Август, 3-й год",
            responsible_roles=("curator", "mentor"),
            responsible_text="Куратор, наставники",
            expected_result="Анализ итогов реализации наставнической программы в парах (выводы, рекомендации)",
        ),
        ActivitySpec(
            number="7.4",
            stage=COMPLETION,
            stage_title=_L7,
            title="Сформировать базу успешных практик",
            start=35,
            end=35,
            period_text="Август, 3-й год",
            responsible_roles=("curator",),
            responsible_text="Куратор",
            expected_result="Оформление кейсов и баз практик на сайте на странице «Наставничество»",
        ),
        ActivitySpec(
            number="7.5",
            stage=COMPLETION,
            stage_title=_L7,
            title="Популяризировать лучшие практики и примеры наставничества через медиа, участников, партнёров",
            start=23,
            end=23,
            period_text="Август, 2-й год",
            responsible_roles=("curator",),
            responsible_text="Куратор",
            expected_result=(
                "Публикация интервью, результатов мероприятий, программ в интернет-изданиях. Электронный и печатный "
                "сборник «Лучшие практики наставничества»"
            ),
        ),
        ActivitySpec(
            number="7.6",
            stage=COMPLETION,
            stage_title=_L7,
            title="Организовать школьный конкурс «Наставник года»",
            start=23,
            end=23,
            period_text="Август, 2-й год, далее – ежегодно",
            period_note="далее – ежегодно",
            responsible_roles=("curator",),
            responsible_text="Куратор, проектная команда",
            expected_result=(
                "Выявление лучшего опыта по формам и моделям наставничества, поощрение лучших наставников "
                "образовательной организации"
            ),
        ),
        ActivitySpec(
            number="7.7",
            stage=COMPLETION,
            stage_title=_L7,
            title="Подготовить итоговый отчёт о результатах апробации методологии наставничества",
            start=12,
            end=12,
            period_text="Сентябрь, 2-й год",
            responsible_roles=("curator",),
            responsible_text="Куратор",
            expected_result="Итоговый отчёт о результатах апробации методологии (целевой модели) наставничества",
        ),
        ActivitySpec(
            number="7.8",
            stage=COMPLETION,
            stage_title=_L7,
            title=(
                "Организовать фестиваль лучшего опыта реализации программ наставничества и организации работы "
                "наставнических пар «Наставник +»"
            ),
            start=23,
            end=23,
            period_text="Август, 2-й год",
            responsible_roles=("curator",),
            responsible_text="Куратор, проектная команда",
            expected_result=(
                "Выявление лучших наставнических пар, создание условий для дальнейшего развития форм и моделей "
                "наставничества, популяризация методологии наставничества, вовлечение в модель наставничества "
                "большего количества участников"
            ),
        ),
    ),
)


_S1 = "Подготовка условий для запуска программы наставничества"
_S2 = "Формирование базы наставляемых и наставников"
_S3 = "Отбор/выдвижение и обучение наставников"
_S4 = "Формирование наставнических пар / групп"
_S5 = "Организация и осуществление работы наставнических пар / групп"
_S6 = "Завершение наставничества"
_DEPUTY = "Заместитель директора по НМР"


def _school(number, stage, stage_title, title, start, end, period_text, roles, who, result, note=""):
    """One row of the school's plan: positional to keep the 37 rows below as compact as the table they copy."""
    return ActivitySpec(
        number=number,
        stage=stage,
        stage_title=stage_title,
        title=title,
        start=start,
        end=end,
        period_text=period_text,
        responsible_roles=roles,
        responsible_text=who,
        expected_result=result,
        period_note=note,
    )


# seed 000, «План реализации Программы»: the school's «Учитель – учитель» programme, August 2022 – August 2025
# (month 0 = August of year 1). Rows marked «Ежегодно» are planned for the first year and say so in the period.
# fmt: off
SCHOOL_PLAN = RoadmapTemplate(
    code="school_plan",
    title="План реализации программы наставничества «Учитель – учитель»",
    description=(
        "План реализации школьной программы «Учитель – учитель» из 37 мероприятий: подготовка условий, базы "
        "наставляемых и наставников, отбор и обучение, формирование пар, работа пар, завершение. "
        "Начинается в августе; ежегодные мероприятия запланированы на первый год."
    ),
    start_month=8,
    months=37,
    activities=(
        _school(
            "1", PREPARATION, _S1,
            "Административное совещание по апробации методологии (целевой модели) наставничества в школе",
            0, 0, "Август, 1-й год", ("director", "coordinator"), "Директор школы, заместители директора",
            "Организация рабочих групп и распределение зон ответственности; определение форм наставничества "
            "в образовательной организации; назначение кураторов приказом директора",
        ),
        _school(
            "2", PREPARATION, _S1,
            "Работа рабочей группы по формированию пакета нормативно-правовых документов",
            0, 0, "Август, 1-й год", ("coordinator",), _DEPUTY,
            "Положение о наставничестве; программа наставничества «Учитель – учитель»; приказы",
        ),
        _school(
            "3", PREPARATION, _S1,
            "Заседание методического совета «О внедрении программы наставничества в школе»",
            1, 1, "Сентябрь, 1-й год", ("coordinator",), _DEPUTY,
            "Корректировка Положения о наставничестве; программа наставничества",
        ),
        _school(
            "4", PREPARATION, _S1,
            "Заседание методических объединений «Методология наставничества для организаций, осуществляющих "
            "образовательную деятельность»",
            1, 1, "Сентябрь, 1-й год", ("coordinator", "method_head"),
            "Заместитель директора по НМР, руководители методических объединений",
            "Повышение компетентности педагогов о целях, задачах, формах наставничества, ожидаемых результатах",
        ),
        _school(
            "5", PREPARATION, _S1,
            "Прохождение административной командой курсов повышения квалификации по теме "
            "«Организационно-методические условия внедрения методологии (целевой модели) наставничества "
            "в образовательной организации»",
            5, 16, "Следующий календарный год", ("coordinator",),
            "Заместители директора по учебной, воспитательной и научно-методической работе",
            "Развитие актуальных профессиональных компетенций у руководителей, необходимых для обеспечения "
            "поэтапного внедрения методологии (целевой модели) наставничества",
        ),
        _school(
            "6", PREPARATION, _S1,
            "Создание страницы «Наставничество» на сайте ОО с размещением локальных актов, программ, графиков",
            2, 2, "Октябрь, 1-й год", ("curator",), "Куратор, администратор сайта",
            "Информационно-методическое сопровождение реализации программы наставничества",
        ),
        _school(
            "7", PREPARATION, _S1,
            "Педагогический совет «Наставничество в современных условиях управления образовательной организацией»",
            5, 16, "Следующий календарный год", ("director",), "Директор школы",
            "Информирование педагогического сообщества образовательной организации о механизмах реализации "
            "программы наставничества",
        ),
        _school(
            "8", PREPARATION, _S1,
            "Разработка методических и диагностических материалов",
            1, 1, "Сентябрь, 1-й год", ("coordinator",), _DEPUTY,
            "Комплекс материалов для формирования базы наставников и наставляемых, обучения наставников, "
            "проведения промежуточного и итогового контроля",
        ),
        _school(
            "9", MENTEE_BASE, _S2,
            "Проведение анкетирования среди педагогов, желающих принять участие в программе наставничества. "
            "Сбор согласий на сбор и обработку персональных данных",
            0, 0, "Август, 1-й год; ежегодно", ("psychologist",), "Педагог-психолог",
            "Перечень лиц, желающих иметь наставников", note="ежегодно",
        ),
        _school(
            "10", MENTEE_BASE, _S2,
            "Сбор дополнительной информации о запросах наставляемых от третьих лиц: заместители директора "
            "по учебной, воспитательной и методической работе",
            0, 0, "Август, 1-й год; ежегодно", ("coordinator",), "Заместители директора",
            "Дополнительная информация по результатам профессиональной деятельности педагогов", note="ежегодно",
        ),
        # The document dates this row «Август 2020 г.»: a misprint for the programme's first August.
        _school(
            "11", MENTEE_BASE, _S2,
            "Анализ полученных от наставляемых и третьих лиц данных",
            0, 0, "Август, 1-й год; ежегодно", ("coordinator",), "Заместители директора",
            "Оценка участников-наставляемых по заданным параметрам, формирование базы наставляемых",
            note="ежегодно",
        ),
        _school(
            "12", MENTOR_BASE, _S2,
            "Проведение анкетирования среди потенциальных наставников, желающих принять участие в программе "
            "наставничества. Сбор согласий на сбор и обработку персональных данных",
            0, 0, "Август, 1-й год; ежегодно", ("psychologist",), "Педагог-психолог",
            "Перечень потенциальных наставников", note="ежегодно",
        ),
        _school(
            "13", MENTOR_BASE, _S2,
            "Анализ заполненных анкет потенциальных наставников и сопоставление данных с анкетами наставляемых",
            0, 0, "Август, 1-й год; ежегодно", ("coordinator",), "Заместители директора",
            "Оценка участников-наставников по заданным параметрам, формирование базы наставников",
            note="ежегодно",
        ),
        _school(
            "14", SELECTION_TRAINING, _S3,
            "Проведение собеседования с наставниками",
            1, 1, "Сентябрь, 1-й год; ежегодно", ("coordinator",), _DEPUTY,
            "Отбор/выдвижение наставников; приказ об утверждении реестра наставников", note="ежегодно",
        ),
        # The document says «Март – сентябрь»: the months before August fall before the plan's start.
        _school(
            "15", SELECTION_TRAINING, _S3,
            "Подготовка методических материалов для сопровождения наставнической деятельности",
            0, 1, "Март – сентябрь, 1-й год", ("coordinator",), _DEPUTY,
            "Комплект памяток, сценариев встреч, рабочих тетрадей и пр.",
        ),
        _school(
            "16", SELECTION_TRAINING, _S3,
            "Разработка программы обучения наставников (корректировка)",
            1, 1, "Сентябрь, 1-й год; ежегодно", ("coordinator",), _DEPUTY,
            "Приказ об организации обучения наставников с утверждением плана и графиков обучения наставников",
            note="ежегодно",
        ),
        _school(
            "17", SELECTION_TRAINING, _S3,
            "Обучение наставников. Цикл занятий «Наставничество: Что? Зачем? Как?», «MENTOR SET — уникальная "
            "технология для наставника»",
            1, 2, "Сентябрь – октябрь, 1-й год; ежегодно", ("psychologist", "coordinator"),
            "Педагог-психолог, заместитель директора по НМР",
            "Повышение компетентности наставников", note="ежегодно",
        ),
        _school(
            "18", MATCHING, _S4,
            "Организация групповой встречи наставников и наставляемых. Анкетирование после завершения групповой "
            "встречи",
            2, 2, "Октябрь, 1-й год; ежегодно", ("psychologist",), "Педагог-психолог",
            "Изучение предпочтений наставников и наставляемых", note="ежегодно",
        ),
        _school(
            "19", MATCHING, _S4,
            "Анализ анкет групповой встречи и соединение наставников и наставляемых в пары/группы",
            2, 2, "Октябрь, 1-й год; ежегодно", ("psychologist",), "Педагог-психолог",
            "Формирование пар/групп наставник – наставляемый", note="ежегодно",
        ),
        _school(
            "20", MATCHING, _S4,
            "Информирование участников о сложившихся парах/группах",
            2, 2, "Октябрь, 1-й год; ежегодно", ("coordinator",), _DEPUTY,
            "Закрепление пар/групп приказом директора школы", note="ежегодно",
        ),
        _school(
            "21", MATCHING, _S4,
            "Круглый стол «Наставники и наставляемые: начало пути»",
            2, 2, "Октябрь, 1-й год; ежегодно", ("coordinator",), _DEPUTY,
            "Проведение первой, организационной, встречи наставника и наставляемого", note="ежегодно",
        ),
        _school(
            "22", MATCHING, _S4,
            "Обеспечение психологического сопровождения наставляемым",
            0, 36, "Постоянно", ("psychologist",), "Педагог-психолог",
            "Продолжение поиска наставника не сформировавшим пару/группу", note="постоянно",
        ),
        _school(
            "23", WORK, _S5,
            "Проведение второй, пробной рабочей, встречи наставника и наставляемого",
            3, 3, "Ноябрь, 1-й год; ежегодно", ("coordinator",), _DEPUTY,
            "Уточнение предмета наставничества в соответствии с запросами наставляемых", note="ежегодно",
        ),
        _school(
            "24", WORK, _S5,
            "Проведение встречи-планирования рабочего процесса в рамках программы наставничества с наставником "
            "и наставляемым",
            3, 3, "Ноябрь, 1-й год; ежегодно", ("coordinator",), _DEPUTY,
            "Разработка плана наставничества и графика проведения встреч", note="ежегодно",
        ),
        # The document gives only «Ежегодно»: the meetings run from the planning (November) to the final ones (May).
        _school(
            "25", WORK, _S5,
            "Регулярные встречи наставника и наставляемого",
            3, 9, "Ежегодно (ноябрь – май)", ("coordinator",), _DEPUTY,
            "Реализация плана наставничества", note="ежегодно",
        ),
        _school(
            "26", WORK, _S5,
            "Проведение рабочей встречи с наставниками",
            3, 3, "Ноябрь, 1-й год; ежегодно", ("coordinator",), _DEPUTY,
            "Определение сроков сбора обратной связи от участников программы наставничества", note="ежегодно",
        ),
        _school(
            "27", WORK, _S5,
            "Организация текущего контроля достижения планируемых результатов наставниками",
            3, 8, "Ноябрь – апрель, 1-й год; ежегодно", ("method_head",), "Руководители методических объединений",
            "Фиксация промежуточных результатов наставнического взаимодействия", note="ежегодно",
        ),
        _school(
            "28", WORK, _S5,
            "Проведение консультаций для наставников",
            0, 36, "Постоянно", ("coordinator", "psychologist"), "Заместитель директора по НМР, педагог-психолог",
            "Оказание помощи наставникам", note="постоянно",
        ),
        _school(
            "29", COMPLETION, _S6,
            "Проведение групповой заключительной встречи всех пар и групп наставников и наставляемых",
            9, 9, "Май, 1-й год; ежегодно", ("coordinator",), _DEPUTY,
            "Проведение рефлексии", note="ежегодно",
        ),
        _school(
            "30", COMPLETION, _S6,
            "Проведение итоговых диагностических мероприятий",
            9, 9, "Май, 1-й год; ежегодно", ("psychologist",), "Педагог-психолог",
            "Оценка участников по заданным параметрам", note="ежегодно",
        ),
        _school(
            "31", COMPLETION, _S6,
            "Подведение итогов мониторинга эффективности реализации программы, влияния программ на всех участников",
            9, 9, "Май, 1-й год; ежегодно", ("coordinator",), "Заместители директора",
            "Анализ результатов реализации программы наставничества", note="ежегодно",
        ),
        _school(
            "32", COMPLETION, _S6,
            "Организация итоговой встречи наставников и наставляемых для обсуждения результатов мониторинга "
            "эффективности",
            9, 9, "Май, 1-й год; ежегодно", ("coordinator",), "Заместитель директора по МР",
            "Определение перспектив дальнейшего участия в программе", note="ежегодно",
        ),
        _school(
            "33", COMPLETION, _S6,
            "Заседание методического совета «Результативность реализации программы наставничества»",
            9, 9, "Май, 1-й год; ежегодно", ("coordinator", "method_head"),
            "Заместитель директора по МР, руководители методических объединений",
            "Оформление итогов и процессов совместной работы в рамках программы наставничества в кейсы",
            note="ежегодно",
        ),
        _school(
            "34", COMPLETION, _S6,
            "Проведение торжественного мероприятия для подведения итогов программы наставничества и награждения "
            "лучших наставников «Наставник года», «Лучшая пара»",
            9, 9, "Май, 1-й год; ежегодно", ("method_head",), "Руководители методических объединений",
            "Информирование педагогического коллектива о результатах реализации программы наставничества. "
            "Приказ о поощрении участников наставнической деятельности; благодарственные письма партнёрам",
            note="ежегодно",
        ),
        _school(
            "35", COMPLETION, _S6,
            "Публикация результатов программы наставничества, лучших наставников, кейсов на сайте образовательной "
            "организации",
            9, 12, "Май, 1-й год – август, 2-й год; ежегодно", ("coordinator", "method_head"),
            "Заместитель директора по НМР, руководители методических объединений",
            "Популяризация лучших практик и примеров наставничества через медиа, участников, партнёров",
            note="ежегодно",
        ),
        _school(
            "36", COMPLETION, _S6,
            "Внесение данных об итогах реализации программы наставничества в базу наставников и базу наставляемых",
            10, 10, "Июнь, 1-й год; ежегодно", ("coordinator",), _DEPUTY,
            "Формирование долгосрочной базы наставников, в том числе из успешно завершивших программу "
            "наставляемых",
            note="ежегодно",
        ),
        _school(
            "37", COMPLETION, _S6,
            "Анализ достигнутых результатов по итогам реализации программы",
            36, 36, "Август, 4-й год (окончание программы)", ("coordinator",), _DEPUTY,
            "Определение перспектив дальнейшего развития наставничества, обновление программы",
        ),
    ),
)
# fmt: on

ROADMAP_TEMPLATES: dict[str, RoadmapTemplate] = {t.code: t for t in (LYCEUM_2023, SCHOOL_PLAN)}


# --- the programme cycle of seed 002 («Ученик – ученик»), worded for each form ---------------------------------


@dataclass(frozen=True)
class CycleWords:
    """How a form's programme names its people: «обучающихся» for pupils, never «педагогов» there."""

    mentees: str  # genitive plural: «обучающихся», «студентов», «педагогов»
    mentors_motivated: str  # who the mentor base looks for
    community: str  # who is informed first
    contest: str  # the closing contest


def _cycle(code: str, title: str, description: str, words: CycleWords) -> RoadmapTemplate:
    """Seed 002's table «Этапы реализации программы»: eight stages from October to April (month 0 = October)."""
    return RoadmapTemplate(
        code=code,
        title=title,
        description=description,
        start_month=10,
        months=7,
        activities=(
            ActivitySpec(
                "1", PREPARATION, "Информирование о реализации программы наставничества",
                f"Совещание по реализации программы наставничества; информирование {words.community} через "
                "новостную ленту на сайте",
                0, 0, "Октябрь", ("coordinator", "curator"), "Координатор, куратор",
                "Информация донесена до адресата",
            ),
            ActivitySpec(
                "2", MENTEE_BASE, "Формирование базы наставляемых",
                f"Сбор предварительных запросов от {words.mentees}, желающих добровольно участвовать в программе; "
                f"выявление конкретных проблем {words.mentees}, которые можно решить с помощью наставничества",
                0, 0, "Октябрь", ("curator",), "Куратор",
                "Определён перечень дефицитных компетенций; сформирована база наставляемых",
            ),
            ActivitySpec(
                "3", MENTOR_BASE, "Формирование базы наставников",
                f"Выявление наставников: {words.mentors_motivated} (собеседование)",
                0, 0, "Октябрь", ("curator",), "Куратор",
                "Сформирована база наставников, которые могут участвовать в программе",
            ),
            ActivitySpec(
                "4", SELECTION_TRAINING, "Отбор и обучение наставников",
                "Обучение наставников для работы с наставляемыми",
                0, 0, "Октябрь", ("curator", "psychologist"), "Куратор, педагог-психолог",
                "Заполненные анкеты потенциальных наставников; собеседования с наставниками и наставляемыми",
            ),
            ActivitySpec(
                "5", MATCHING, "Формирование наставнических пар/групп",
                "Фиксация сложившихся пар и групп в базе куратора",
                0, 0, "Октябрь", ("curator",), "Куратор",
                "Сформированные наставнические пары и группы, готовые к работе по программе",
            ),
            ActivitySpec(
                "6", WORK, "Разработка мер по преодолению трудностей наставляемых",
                "Составление индивидуальных планов с учётом потребностей наставляемых",
                1, 1, "Ноябрь", ("curator",), "Куратор, наставники",
                "Индивидуальный план реализации наставничества",
            ),
            ActivitySpec(
                "7", WORK, "Организация хода наставнической программы",
                "Работа в каждой паре и группе: встреча-знакомство, пробная рабочая встреча, встреча-планирование, "
                "комплекс последовательных встреч, итоговая встреча; сбор обратной связи от наставников "
                "и наставляемых",
                0, 6, "Октябрь – апрель", ("curator",), "Куратор, наставники",
                "Мониторинг удовлетворённости участием и качества реализации программы; отчёт о показателях "
                "эффективности ежеквартально",
                control_point="Промежуточный мониторинг",
            ),
            ActivitySpec(
                "8", COMPLETION, "Завершение программы наставничества",
                "Подведение итогов работы каждой пары и группы и программы в целом; публичное подведение итогов "
                f"и популяризация практик; {words.contest}",
                6, 6, "Апрель", ("coordinator", "curator"), "Координатор, куратор",
                "SWOT-анализ программы; собраны лучшие практики; наставники поощрены",
                control_point="Итоговый мониторинг",
            ),
        ),
    )


PUPIL_PUPIL = _cycle(
    "pupil_pupil",
    "Дорожная карта программы наставничества «Ученик – ученик»",
    "Этапы реализации программы «Ученик – ученик» (seed 002): с октября по апрель, восемь этапов.",
    CycleWords(
        mentees="обучающихся",
        mentors_motivated="обучающиеся, мотивированные помочь сверстникам в образовательных и адаптационных вопросах",
        community="педагогического и родительского сообщества",
        contest="конкурс «Лучшие наставнические практики»",
    ),
)
TEACHER_PUPIL = _cycle(
    "teacher_pupil",
    "Дорожная карта программы наставничества «Учитель – ученик»",
    "Этапы программы «Учитель – ученик» по таблице этапов программы «Ученик – ученик»: с октября по апрель.",
    CycleWords(
        mentees="обучающихся",
        mentors_motivated="педагоги, готовые сопровождать обучающихся в учёбе, проектах и олимпиадах",
        community="педагогического и родительского сообщества",
        contest="конкурс «Лучшие наставнические практики»",
    ),
)
STUDENT_PUPIL = _cycle(
    "student_pupil",
    "Дорожная карта программы наставничества «Студент – ученик»",
    "Этапы программы «Студент – ученик» по таблице этапов программы «Ученик – ученик»: с октября по апрель.",
    CycleWords(
        mentees="обучающихся",
        mentors_motivated="студенты и выпускники, мотивированные помочь школьникам",
        community="педагогического и родительского сообщества, партнёрских колледжей и вузов",
        contest="конкурс «Лучшие наставнические практики»",
    ),
)
EMPLOYER_PUPIL = _cycle(
    "employer_pupil",
    "Дорожная карта программы наставничества «Работодатель – ученик»",
    "Этапы программы «Работодатель – ученик» по таблице этапов программы «Ученик – ученик»: с октября по апрель.",
    CycleWords(
        mentees="обучающихся",
        mentors_motivated="сотрудники предприятий-партнёров, заинтересованные в подготовке будущих кадров",
        community="педагогического и родительского сообщества и предприятий-партнёров",
        contest="презентация проектов наставляемых перед предприятиями-партнёрами",
    ),
)
EMPLOYER_STUDENT = _cycle(
    "employer_student",
    "Дорожная карта программы наставничества «Работодатель – студент»",
    "Этапы программы «Работодатель – студент» по таблице этапов программы «Ученик – ученик»: с октября по апрель.",
    CycleWords(
        mentees="студентов",
        mentors_motivated="сотрудники предприятий-партнёров, заинтересованные в подготовке будущих кадров",
        community="преподавателей, студентов и предприятий-партнёров",
        contest="презентация проектов студентов перед предприятиями-партнёрами",
    ),
)


# seed 004, 6.2.3: the kindergarten's five stages for teachers — preparatory, design, implementation,
# reflective-analytical and resulting — over a school year (month 0 = September).
_K1 = "Подготовительный этап"
_K2 = "Проектировочный этап"
_K3 = "Реализационный этап"
_K4 = "Рефлексивно-аналитический этап"
_K5 = "Результативный этап"

KINDERGARTEN_STAGES = RoadmapTemplate(
    code="kindergarten_stages",
    title="Дорожная карта внедрения целевой модели наставничества педагогических работников детского сада",
    description="Пять этапов положения детского сада (seed 004, 6.2.3): с сентября по август, для педагогов.",
    start_month=9,
    months=12,
    activities=(
        ActivitySpec(
            "1.1", PREPARATION, _K1,
            "Предварительный анализ проблем, которые можно решить программой наставничества; разработка и "
            "утверждение приказом заведующего документов целевой модели наставничества",
            0, 0, "Сентябрь", ("director", "coordinator"), "Заведующий, координатор",
            "Приказы и положение о наставничестве утверждены",
        ),
        ActivitySpec(
            "1.2", MENTOR_BASE, _K1,
            "Отбор наставников и наставляемых из числа педагогических работников",
            0, 1, "Сентябрь – октябрь", ("curator",), "Куратор",
            "Базы наставников и наставляемых сформированы",
        ),
        ActivitySpec(
            "1.3", SELECTION_TRAINING, _K1,
            "Обучение наставников и кураторов, знакомство наставляемых с системой наставничества "
            "(повышение квалификации, стажировка)",
            1, 2, "Октябрь – ноябрь", ("curator", "method_head"), "Куратор, старший воспитатель",
            "Наставники прошли обучение",
        ),
        ActivitySpec(
            "1.4", MATCHING, _K1,
            "Подбор и закрепление наставников за наставляемыми приказом заведующего",
            2, 2, "Ноябрь", ("director", "curator"), "Заведующий, куратор",
            "Приказ о закреплении наставнических пар и групп",
        ),
        ActivitySpec(
            "2.1", WORK, _K2,
            "Целеполагание в паре; определение ресурсов наставляемого; проектирование индивидуального "
            "маршрута профессионального развития педагога и его оформление (план, маршрутный лист)",
            2, 3, "Ноябрь – декабрь", ("curator",), "Наставники",
            "Персонализированные программы наставничества",
        ),
        ActivitySpec(
            "3.1", WORK, _K3,
            "Реализация дорожной карты куратором; сопровождение наставником индивидуального маршрута педагога",
            3, 9, "Декабрь – июнь", ("curator",), "Куратор, наставники",
            "Встречи пар проведены, промежуточный мониторинг",
            control_point="Промежуточный мониторинг",
        ),
        ActivitySpec(
            "4.1", COMPLETION, _K4,
            "Оценка эффективности индивидуального маршрута: рефлексия наставляемого, анализ наставником своей "
            "работы; отчёт наставника о реализации программы",
            9, 10, "Июнь – июль", ("curator",), "Наставники, куратор",
            "Отчёты наставников, итоговый мониторинг",
            control_point="Итоговый мониторинг",
        ),
        ActivitySpec(
            "5.1", COMPLETION, _K5,
            "Наставник дистанцируется, продолжая реагировать на острые ситуации; наставляемый самостоятельно "
            "ставит новые цели профессионального развития",
            10, 11, "Июль – август", ("curator",), "Наставники",
            "Наставляемые работают самостоятельно; лучшие практики обобщены",
        ),
    ),
)

ROADMAP_TEMPLATES.update(
    {
        t.code: t
        for t in (PUPIL_PUPIL, TEACHER_PUPIL, STUDENT_PUPIL, EMPLOYER_PUPIL, EMPLOYER_STUDENT, KINDERGARTEN_STAGES)
    }
)

# The template a programme of each form starts from (teacher forms: seed 001's lyceum roadmap and seed 000's plan).
FORM_ROADMAP_TEMPLATES: dict[str, tuple[str, ...]] = {
    "pupil_pupil": ("pupil_pupil",),
    "teacher_teacher": ("school_plan", "lyceum_2023"),
    "pedagogue_pedagogue": ("kindergarten_stages",),
    "teacher_pupil": ("teacher_pupil",),
    "student_pupil": ("student_pupil",),
    "employer_pupil": ("employer_pupil",),
    "employer_student": ("employer_student",),
}
