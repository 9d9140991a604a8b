"""Honour-board photos: only real JPEG/PNG/WebP images up to 5 MB are stored (cleaned of metadata, in a private
storage), and the public address serves a photo only while the person's consent covers name and photo."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from nastavnik.orgs.models import Role
from nastavnik.privacy.services import consent_withdraw
from nastavnik.recognition import photos, services
from nastavnik.recognition.models import HonourEntry
from tests.factories import OrganizationFactory, PersonFactory, person_with_login
from tests.recognition.factories import publication_consent


def image_bytes(fmt: str = "JPEG", size=(64, 48), exif: bool = False) -> bytes:
    buffer = io.BytesIO()
    picture = Image.new("RGB", size, (200, 120, 40))
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCam"  # Make
        kwargs["exif"] = data.tobytes()
    picture.save(buffer, format=fmt, **kwargs)
    return buffer.getvalue()


def upload(content: bytes, name="photo.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def board(db, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    org = OrganizationFactory(code="photoschool")
    mentor = PersonFactory(organization=org, last_name="Фотова", first_name="Дарья")
    entry = services.honour_add(organization=org, person=mentor, year=timezone.localdate().year,
                                title="«Наставник года», 1 место")
    curator = person_with_login(role=Role.CURATOR, organization=org)
    return {"org": org, "mentor": mentor, "entry": entry, "curator": curator, "root": tmp_path}


def test_a_photo_is_cleaned_and_kept_where_no_url_reaches_it(board):
    entry = services.honour_photo_set(entry=board["entry"], photo=upload(image_bytes(exif=True, size=(3000, 2000))))
    stored = entry.photo.storage.path(entry.photo.name)
    assert stored.startswith(str(board["root"] / "private"))
    assert "Фотова" not in entry.photo.name  # a random name says nothing about the person
    with Image.open(stored) as saved:
        assert saved.format == "JPEG" and max(saved.size) == photos.PHOTO_MAX_SIDE
        assert 0x010F not in saved.getexif()  # metadata dropped
    with pytest.raises(ValueError):
        entry.photo.url  # noqa: B018 (a private file has no URL)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"%PDF-1.4 not a picture", "photo.jpg", "JPEG, PNG или WebP"),
        (image_bytes("GIF"), "photo.gif", "JPEG, PNG или WebP"),
        (b"\xff\xd8" + b"0" * (photos.PHOTO_MAX_BYTES + 1), "big.jpg", "не больше 5 МБ"),
    ],
)
def test_a_bad_upload_is_refused_and_nothing_changes(board, content, name, message):
    with pytest.raises(ValidationError, match=message):
        services.honour_photo_set(entry=board["entry"], photo=upload(content, name=name))
    assert not HonourEntry.objects.get(pk=board["entry"].pk).photo


def test_the_honour_page_refuses_a_non_image_with_a_russian_message(board):
    client = Client()
    client.force_login(board["curator"].user)
    response = client.post(f"/recognition/{board['org'].code}/honour/",
                           {"form": "photo", "entry": board["entry"].pk,
                            "photo": upload(b"GIF89a fake", name="x.png", content_type="image/png")}, follow=True)
    page = response.content.decode()
    assert "изображение" in page.lower() and not HonourEntry.objects.get(pk=board["entry"].pk).photo


def test_the_photo_is_served_only_while_the_consent_covers_it(board):
    entry = services.honour_photo_set(entry=board["entry"], photo=upload(image_bytes("PNG"), name="p.png"))
    url = f"/p/{board['org'].code}/honour/{entry.pk}/photo.jpg"
    client = Client()
    assert client.get(url).status_code == 404  # no consent at all
    name_only = publication_consent(board["mentor"], "name")
    assert client.get(url).status_code == 404  # the name, but not the photo
    assert url not in client.get(f"/p/{board['org'].code}/").content.decode()
    consent_withdraw(consent=name_only, withdrawn_by=None)
    with_photo = publication_consent(board["mentor"], "name", "photo")
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "no-store"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    assert url in client.get(f"/p/{board['org'].code}/").content.decode()
    consent_withdraw(consent=with_photo, withdrawn_by=None)
    assert client.get(url).status_code == 404


def test_a_lapsed_consent_takes_the_photo_down_by_itself(board):
    entry = services.honour_photo_set(entry=board["entry"], photo=upload(image_bytes()))
    consent = publication_consent(board["mentor"], "name", "photo")
    consent.valid_from = timezone.localdate() - dt.timedelta(days=30)
    consent.valid_until = timezone.localdate() - dt.timedelta(days=1)
    consent.save(update_fields=["valid_from", "valid_until"])
    assert Client().get(f"/p/{board['org'].code}/honour/{entry.pk}/photo.jpg").status_code == 404
