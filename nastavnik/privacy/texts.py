"""What a consent says for each purpose: the data categories, the actions and the purpose in full words.

These are the defaults `consent_prepare` copies into a new consent, so a consent keeps the wording it was signed
with even if the defaults change later.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from nastavnik.privacy.models import Consent

P = Consent.Purpose

# Art. 3 of 152-FZ names the actions; a consent lists those the purpose needs.
_BASE_ACTIONS = _(
    "сбор, запись, систематизация, накопление, хранение, уточнение (обновление, изменение), извлечение, "
    "использование, блокирование, удаление, уничтожение"
)


@dataclass(frozen=True)
class PurposeText:
    heading: str  # «на обработку персональных данных …» — the line under the title of the document
    purpose: str  # the purpose of processing, in full
    categories: tuple[str, ...]
    actions: str


def purpose_text(purpose: str) -> PurposeText:
    texts = {
        P.PARTICIPATION: PurposeText(
            heading=_("для участия в программе наставничества"),
            purpose=_(
                "организация участия в программе наставничества в рамках целевой модели наставничества: "
                "ведение баз наставников и наставляемых, формирование наставнических пар и групп, планирование "
                "и учёт встреч, персонализированная программа наставничества, подведение итогов"
            ),
            categories=(
                _("фамилия, имя, отчество"),
                _("дата рождения"),
                _("класс (группа), место учёбы или работы, должность, педагогический стаж"),
                _("номер телефона, адрес электронной почты"),
                _("запрос на наставничество: трудности, интересы, компетенции, свободное время"),
                _("сведения об участии в программе: пара или группа, встречи, цели, результаты"),
            ),
            actions=_("%(base)s; предоставление доступа куратору, наставнику и координатору программы")
            % {"base": _BASE_ACTIONS},
        ),
        P.QUESTIONNAIRES: PurposeText(
            heading=_("для анкетирования и мониторинга программы наставничества"),
            purpose=_(
                "анкетирование участников программы наставничества, мониторинг качества программы и оценка её "
                "влияния на участников (входные, промежуточные и итоговые измерения)"
            ),
            categories=(
                _("фамилия, имя, отчество"),
                _("класс (группа), место учёбы или работы"),
                _("ответы на анкеты программы наставничества"),
                _("результаты мониторинга: показатели на входе, в ходе и по итогам программы"),
            ),
            actions=_("%(base)s; обезличивание для статистических отчётов") % {"base": _BASE_ACTIONS},
        ),
        P.PSYCH_DIAGNOSTICS: PurposeText(
            heading=_("на проведение психологической диагностики"),
            purpose=_(
                "психологическая диагностика педагогом-психологом (входная и итоговая) и психологическое "
                "сопровождение в рамках программы наставничества; результаты доступны только педагогу-психологу "
                "и субъекту (его законному представителю) и третьим лицам не передаются"
            ),
            categories=(
                _("фамилия, имя, отчество"),
                _("дата рождения"),
                _("класс (группа)"),
                _("результаты психологической диагностики"),
                _("заключения и рекомендации педагога-психолога"),
            ),
            actions=_("%(base)s; доступ только педагогу-психологу") % {"base": _BASE_ACTIONS},
        ),
        P.PUBLICATION: PurposeText(
            heading=_("на обработку персональных данных, разрешённых для распространения"),
            purpose=_(
                "распространение (опубликование) сведений об участнике программы наставничества на открытой "
                "странице «Наставничество» организации: доска почёта, лучшие практики, итоги конкурсов и "
                "итогового мероприятия (ст. 10.1 Федерального закона № 152-ФЗ); только отмеченные категории"
            ),
            categories=tuple(Consent.PublishCategory.labels),
            actions=_("%(base)s; распространение (опубликование) на сайте организации") % {"base": _BASE_ACTIONS},
        ),
    }
    return texts[P(purpose)]


# How AccessLog.action codes read in the audit pages.
ACCESS_ACTIONS = {
    "person.view": _("Просмотр карточки человека"),
    "privacy.consents": _("Просмотр согласий"),
    "privacy.data": _("Просмотр сведений о хранимых данных"),
    "privacy.export": _("Выгрузка всех данных"),
    "privacy.consent_docx": _("Печать согласия"),
    "privacy.consent_sign": _("Отметка подписания согласия"),
    "privacy.consent_withdraw": _("Отзыв согласия"),
    "roster_export": _("Выгрузка списка людей организации"),
    "intake.request.view": _("Просмотр запроса наставляемого"),
    "intake.candidate.view": _("Просмотр анкеты кандидата в наставники"),
    "intake.interview.protocol": _("Протокол собеседования"),
    "intake.agreement.download": _("Договор о сотрудничестве"),
    "matching.card": _("Карточка предпочтений Mentor Match"),
    "matching.proposals": _("Предложения пар Mentor Match"),
    "matching.participants": _("Участники сессии Mentor Match"),
    "matching.cards": _("Карточки предпочтений Mentor Match"),
    "surveys.responses": _("Список ответов на анкету"),
    "privacy.org_consents": _("Согласия участников организации"),
    "mentorship.view": _("Просмотр пары или группы"),
    "surveys.response": _("Просмотр ответов на анкету"),
    # fixes: downloads and list pages
    "mentorship.list": _("Список пар и групп"),
    "mentorship.plan_docx": _("Скачивание программы пары"),
    "mentorship.meeting_ics": _("Скачивание встречи для календаря"),
    "documents.order": _("Скачивание приказа"),
    "programs.roadmap_export": _("Выгрузка дорожной карты"),
    "programs.roadmap_print": _("Печать дорожной карты"),
    "people.list": _("Список людей организации"),
    "intake.mentees": _("База наставляемых"),
    "intake.mentors": _("База наставников"),
    "intake.registry": _("Реестр наставников"),
    "mentorship.attention": _("Список «Требует внимания»"),
    "roster_export.console": _("Выгрузка списка людей из консоли"),
    # recognition
    "recognition.completion": _("Завершение программы: список пар"),
    "recognition.closure": _("Завершение работы пары"),
    "recognition.rating": _("Рейтинг наставников"),
    "recognition.contest": _("Заявки и оценки конкурса"),
    "recognition.honour": _("Доска почёта"),
    "recognition.practice": _("Наставническая практика"),
    # monitoring (branch swot)
    "monitoring.report": _("Отчёт мониторинга программы (квартальный или итоговый)"),
}


def access_action_label(code: str) -> str:
    return str(ACCESS_ACTIONS.get(code, code))
