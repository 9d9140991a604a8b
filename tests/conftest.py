import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Uploaded and generated files of one test never leak into another or into var/.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _pages_kept_in_browser_tests(request, settings):
    """Browser tests run with rendered pages kept (nastavnik/pagecache.py), as in production: the live server
    commits every write, so a page that stayed stale after a change would fail the flow being tested."""
    if "live_server" not in request.fixturenames:
        yield
        return
    from django.core.cache import caches

    settings.PAGE_CACHE_SECONDS = 120
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.fixture
def no_libreoffice(monkeypatch, tmp_path):
    """A server without LibreOffice, made the real way: no NASTAVNIK_SOFFICE and no soffice or libreoffice on the
    PATH, which is where `documents.rendering.soffice_binary` looks (the converter itself is not replaced)."""
    from nastavnik.documents.rendering import SOFFICE_ENV, pdf_available

    empty = tmp_path / "bin-without-libreoffice"
    empty.mkdir()
    monkeypatch.delenv(SOFFICE_ENV, raising=False)
    monkeypatch.setenv("PATH", str(empty))
    assert not pdf_available()

