"""The project's own stylesheets parse: one unclosed block silently drops every rule after it in the browser."""

from pathlib import Path

import pytest
from django.conf import settings

SHEETS = sorted(Path(settings.BASE_DIR, "static").rglob("*.css"))


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: p.name)
def test_every_block_of_the_stylesheet_is_closed(sheet):
    depth = 0
    for number, line in enumerate(sheet.read_text(encoding="utf-8").splitlines(), 1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"{sheet.name}:{number}: a «}}» closes nothing"
    assert depth == 0, f"{sheet.name}: {depth} block(s) left open"
