"""Cells the system writes into XLSX and CSV files, made safe to open (formula/CSV injection).

A value typed by a user or read from an uploaded file («=HYPERLINK(…)», «=cmd|' /C calc'!A0», «@SUM(…)») would come
out of an export as a live formula that a spreadsheet program runs when the file is opened. Every writer passes its
values through `safe_cell`: a text that starts with «=», «+», «-», «@», a tab or a carriage return gets a leading
apostrophe, which spreadsheet programs show as plain text. A phone number or a negative number written as text
(«+7 (912) 345-67-89», «-5») is only digits and punctuation and cannot call anything, so it is kept as it is
(the roster export loads back). In XLSX `safe_xlsx_cell` also makes sure openpyxl never writes a formula element.

Pure module: no Django import.
"""

from __future__ import annotations

import re
from typing import Any

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
_HARMLESS_SIGNED = re.compile(r"[+-][\d\s().,-]*\Z")


def safe_text(text: str) -> str:
    """The text as a spreadsheet will show it, never evaluated."""
    if not text or not text.startswith(DANGEROUS_START):
        return text
    if text[0] in "+-" and _HARMLESS_SIGNED.match(text):
        return text
    return "'" + text


def safe_cell(value: Any) -> Any:
    """`safe_text` for strings; numbers, dates, booleans and None pass unchanged."""
    return safe_text(value) if isinstance(value, str) else value


def safe_row(values) -> list[Any]:
    return [safe_cell(v) for v in values]


def safe_xlsx_cell(cell) -> Any:
    """An openpyxl cell (normal or write-only) whose text can never become a formula element."""
    if isinstance(cell.value, str):
        cell.value = safe_text(cell.value)
        cell.data_type = "s"
    return cell
