"""DOCX from docxtpl templates, and PDF from that very DOCX through LibreOffice in headless mode.

Templates live in `nastavnik/documents/docx/` (built by `build_templates.py`); other apps may pass an absolute
Path to keep their own. PDF is made by LibreOffice (`soffice --headless --convert-to pdf`, Debian package
`libreoffice-writer-nogui`) so the PDF is the same document as the DOCX, offline, with no web service.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined

from nastavnik.documents.ru import JINJA_FILTERS

DOCX_DIR = Path(__file__).resolve().parent / "docx"
SOFFICE_ENV = "NASTAVNIK_SOFFICE"
PDF_TIMEOUT_SECONDS = 180


class PdfError(RuntimeError):
    """PDF could not be produced; the message is Russian and may be shown to the user."""


class PdfUnavailable(PdfError):
    """LibreOffice is not installed (or NASTAVNIK_SOFFICE points nowhere)."""


def template_path(template: str | Path) -> Path:
    path = Path(template)
    if not path.is_absolute():
        path = DOCX_DIR / path
    if not path.is_file():
        raise FileNotFoundError(f"DOCX template not found: {path}")
    return path


class _CachingEnvironment(Environment):
    """docxtpl compiles the whole document XML with `from_string` on every render; the XML of a template is the
    same each time (context goes in at render), so compiled templates are kept — a third of the rendering time."""

    max_cached = 64

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._compiled: dict[str, Any] = {}
        self._compiled_lock = threading.Lock()

    def from_string(self, source, globals=None, template_class=None):
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        with self._compiled_lock:
            template = self._compiled.get(source)
        if template is None:
            template = super().from_string(source)
            with self._compiled_lock:
                if len(self._compiled) >= self.max_cached:
                    self._compiled.pop(next(iter(self._compiled)))
                self._compiled[source] = template
        return template


def _make_env() -> Environment:
    """Autoescaping on: user text such as «ООО "Ромашка" & Ко» must not break the document XML.

    StrictUndefined: a missing context key is a bug in the builder, better loud than a blank in an official paper.
    """
    env = _CachingEnvironment(autoescape=True, undefined=StrictUndefined)
    env.filters.update(JINJA_FILTERS)
    return env


_ENV = _make_env()


def jinja_env() -> Environment:
    """The shared Jinja environment for DOCX templates, with the Russian filters of `ru.py`."""
    return _ENV


def render_docx(*, template: str | Path, context: dict[str, Any]) -> bytes:
    doc = DocxTemplate(template_path(template))
    doc.render(context, jinja_env=jinja_env(), autoescape=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- PDF ---------------------------------------------------------------------------------------------------------

# One LibreOffice profile per process, used by one conversion at a time: two soffice instances sharing a profile
# would fail, and a fresh profile per call costs seconds.
_profile_lock = threading.Lock()


def soffice_binary() -> str | None:
    configured = os.environ.get(SOFFICE_ENV)
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_available() -> bool:
    return soffice_binary() is not None


def _profile_dir() -> Path:
    path = Path(tempfile.gettempdir()) / f"nastavnik-lo-{os.getuid()}-{os.getpid()}"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def docx_to_pdf(*, docx: bytes) -> bytes:
    binary = soffice_binary()
    if binary is None:
        raise PdfUnavailable(
            _(
                "PDF недоступен: на сервере не установлен LibreOffice (пакет libreoffice-writer-nogui). "
                "Скачайте документ в формате DOCX."
            )
        )
    with _profile_lock, tempfile.TemporaryDirectory(prefix="nastavnik-pdf-") as work:
        source = Path(work) / "document.docx"
        source.write_bytes(docx)
        command = [
            binary,
            f"-env:UserInstallation={_profile_dir().as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            work,
            str(source),
        ]
        try:
            result = subprocess.run(command, capture_output=True, timeout=PDF_TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PdfError(_("PDF не удалось сформировать: LibreOffice не ответил вовремя.")) from exc
        target = source.with_suffix(".pdf")
        if result.returncode != 0 or not target.is_file():
            detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip()[-500:]
            raise PdfError(_("PDF не удалось сформировать: %(detail)s") % {"detail": detail or result.returncode})
        return target.read_bytes()
