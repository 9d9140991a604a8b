import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Uploaded and generated files of one test never leak into another or into var/.
    settings.MEDIA_ROOT = tmp_path / "media"
