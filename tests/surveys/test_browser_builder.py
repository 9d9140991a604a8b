"""A curator builds a questionnaire in the browser: the builder's HTMX parts swap in place."""

import os

import pytest
from playwright.sync_api import Browser, expect

from nastavnik.orgs.models import Role
from nastavnik.surveys.models import Question, Survey
from tests.factories import OrganizationFactory, person_with_login

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.mark.django_db(transaction=True)
def test_it_lets_a_curator_build_and_publish_a_questionnaire(live_server, browser: Browser):
    org = OrganizationFactory()
    curator = person_with_login(role=Role.CURATOR, organization=org, username="curator1")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Имя пользователя").fill(curator.user.username)
    page.get_by_label("Пароль").fill("pass")
    page.get_by_role("button", name="Войти").click()

    page.goto(f"{live_server.url}/surveys/")
    page.get_by_role("link", name="Новая анкета").click()
    page.get_by_label("Название").fill("Анкета о кружках")
    page.get_by_role("button", name="Создать и добавить вопросы").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Анкета о кружках")

    builder = page.locator("#builder-body")
    page.evaluate("window.samePage = true")  # gone if anything below reloads the page instead of swapping a part
    page.get_by_text("Добавить вопрос").click()
    form = builder.locator("form[action$='/questions/add/']")
    form.get_by_label("Вопрос").fill("Какой кружок вы выбираете?")
    form.get_by_label("Тип ответа").select_option("single_choice")
    form.get_by_label("Варианты ответа").fill("Робототехника")
    form.get_by_role("button", name="Добавить").click()
    # HTMX puts the message back into the open form without reloading the page.
    expect(builder).to_contain_text("Нужно не меньше двух вариантов ответа.")
    form = builder.locator("form[action$='/questions/add/']")
    form.get_by_label("Варианты ответа").fill("Робототехника\nШахматы\nХор")
    form.get_by_role("button", name="Добавить").click()
    expect(builder).to_contain_text("Робототехника; Шахматы; Хор")

    page.get_by_text("Добавить вопрос").click()
    form = builder.locator("form[action$='/questions/add/']")
    form.get_by_label("Вопрос").fill("Сколько раз в неделю?")
    form.get_by_label("Тип ответа").select_option("number")
    form.get_by_role("button", name="Добавить").click()
    expect(builder).to_contain_text("Сколько раз в неделю?")

    second = Question.objects.get(text="Сколько раз в неделю?")
    builder.locator(f"#q-{second.pk}").get_by_role("link", name="Изменить").click()
    edit = builder.locator(f"#q-{second.pk} form")
    edit.get_by_label("Вопрос").fill("Сколько раз в неделю вы готовы заниматься?")
    edit.get_by_role("button", name="Сохранить").click()
    expect(builder).to_contain_text("Сколько раз в неделю вы готовы заниматься?")
    builder.locator(f"#q-{second.pk}").get_by_role("button", name="Выше").click()
    expect(builder.locator(".list-group-item .fw-semibold").first).to_contain_text("Сколько раз в неделю")

    assert page.evaluate("window.samePage === true")
    page.get_by_role("button", name="Опубликовать").click()
    expect(page.locator("main")).to_contain_text("Версия 1 опубликована")
    context.close()

    survey = Survey.objects.get(title="Анкета о кружках")
    version = survey.versions.get()
    assert version.is_published
    assert list(version.questions.order_by("position").values_list("text", "type")) == [
        ("Сколько раз в неделю вы готовы заниматься?", "number"),
        ("Какой кружок вы выбираете?", "single_choice"),
    ]
