"""Honour-board photographs: checked, cleaned and kept where no web server serves them.

A photo is personal data published only under a consent to dissemination that covers photos (152-FZ art. 10.1).
So it is stored in a private storage (no URL of its own) and served by `views_public.public_honour_photo`, which asks
the consent at every request: when the consent lapses or the photo category is withdrawn, the picture is gone at once.
Uploads are re-encoded: only real JPEG/PNG/WebP images pass, the metadata (EXIF, GPS position) is dropped, and the
picture is scaled down to what a board needs.
"""

from __future__ import annotations

import io
import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}
PHOTO_MAX_SIDE = 1200  # pixels, the longer side after scaling
PHOTO_MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT (default: beside MEDIA_ROOT, «private»): they have no public URL at all."""

    @property
    def base_location(self) -> str:
        default = Path(settings.MEDIA_ROOT).parent / "private"
        return str(getattr(settings, "PRIVATE_MEDIA_ROOT", default))

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    @property
    def base_url(self) -> None:
        return None

    def url(self, name: str | None) -> str:
        raise ValueError("private files have no URL: serve them through a view that checks the right to see them")


def private_storage() -> PrivateStorage:
    return PrivateStorage()


def honour_photo_path(instance, filename: str) -> str:
    """A random name: the file's name says nothing about whose photo it is."""
    return f"honour/{uuid.uuid4().hex}.jpg"


def photo_clean(upload) -> ContentFile:
    """The uploaded picture as a clean JPEG, or a ValidationError in Russian (nothing stored)."""
    if upload.size is not None and upload.size > PHOTO_MAX_BYTES:
        raise ValidationError(
            _("Фотография слишком большая: не больше %(mb)s МБ.") % {"mb": PHOTO_MAX_BYTES // (1024 * 1024)},
            code="photo_too_big",
        )
    upload.seek(0)
    try:
        with Image.open(upload) as probe:
            kind = probe.format
            width, height = probe.size
            probe.verify()
        if kind not in PHOTO_FORMATS:
            raise ValidationError(_("Загрузите фотографию в формате JPEG, PNG или WebP."), code="photo_type")
        if width * height > PHOTO_MAX_PIXELS:
            raise ValidationError(_("Фотография слишком большая по размеру в точках."), code="photo_too_big")
        upload.seek(0)
        with Image.open(upload) as image:
            picture = ImageOps.exif_transpose(image).convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError):
        raise ValidationError(
            _("Загрузите фотографию в формате JPEG, PNG или WebP."), code="photo_type"
        ) from None
    picture.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)  # a fresh file: no EXIF, no GPS, no trailing payload
    return ContentFile(buffer.getvalue(), name="photo.jpg")
