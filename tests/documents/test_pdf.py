"""PDF is made by LibreOffice from the very DOCX. The suite requires it installed (Debian: libreoffice-writer-nogui)."""

import datetime as dt

import pytest
from django.urls import reverse

from nastavnik.documents.rendering import PdfUnavailable, docx_to_pdf, pdf_available
from nastavnik.documents.services import order_issue, order_pdf
from tests.documents.factories import pdf_title, school_with_director
from tests.factories import assert_sent_back_without_a_file

pytestmark = pytest.mark.django_db


def _order(org):
    return order_issue(
        organization=org,
        kind="other",
        date=dt.date(2026, 9, 1),
        subject="О дежурстве наставников",
        payload={"items": ["Пункт"]},
    )


def test_it_has_libreoffice_to_make_pdf():
    assert pdf_available(), "LibreOffice (soffice) must be installed: apt-get install libreoffice-writer-nogui"


def test_it_converts_the_order_to_a_pdf_of_the_same_document():
    org, _ = school_with_director()
    order = _order(org)
    pdf = order_pdf(order=order)
    assert pdf.startswith(b"%PDF-")
    assert pdf_title(pdf) == "Приказ № 1-н «О дежурстве наставников»"
    # Converted once, then served from the copy kept next to the DOCX.
    assert order.file.storage.exists(order.file.name[:-4] + "pdf")
    assert order_pdf(order=order) == pdf


def test_it_downloads_the_pdf(client):
    org, director = school_with_director()
    order = _order(org)
    client.force_login(director.user)
    response = client.get(reverse("order_pdf", args=[order.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_it_says_in_russian_when_pdf_is_unavailable(monkeypatch):
    monkeypatch.setenv("NASTAVNIK_SOFFICE", "/nonexistent/soffice")
    with pytest.raises(PdfUnavailable, match="не установлен LibreOffice"):
        docx_to_pdf(docx=b"PK")


def test_it_sends_the_user_back_to_the_register_when_pdf_is_unavailable(client, no_libreoffice):
    org, director = school_with_director()
    order = _order(org)
    client.force_login(director.user)
    assert_sent_back_without_a_file(
        client,
        reverse("order_pdf", args=[order.pk]),
        to=reverse("order_register", args=[org.code]),
        says="Скачайте документ в формате DOCX",
    )
    # nothing half-made is kept next to the DOCX to be served later as the order's PDF
    assert not order.file.storage.exists(order.file.name[:-4] + "pdf")
