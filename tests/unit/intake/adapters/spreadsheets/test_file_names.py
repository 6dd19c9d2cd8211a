"""An uploaded file's name is kept as a safe base name: no directories, no control or
format characters, at most 255 bytes of UTF-8 cut on a character, any script kept."""

from __future__ import annotations

import pytest

from services.intake.adapters.spreadsheets.file_names import safe_file_name


@pytest.mark.parametrize(("sent", "kept"), [
    ("справи-2026.xlsx", "справи-2026.xlsx"),
    ("C:\\Users\\olena\\Справи\\cases.xlsx", "cases.xlsx"),
    ("../../etc/cron.d/cases.csv", "cases.csv"),
    ("cases\r\nimport 1 of x.csv done\x1b[2K.csv", "casesimport 1 of x.csv done[2K.csv"),
    ("cases\u202excsl.exe", "casesxcsl.exe"),  # a direction mark showing it as "...exe.lsx"
    ("cases\udcff.csv", "cases.csv"),  # an undecodable byte of a command-line name
    ("  cases.csv  ", "cases.csv"),
    ("..", ""),
    ("dir/", ""),
    ("", ""),
])
def test_a_file_name_keeps_only_its_safe_base_name(sent, kept):
    assert safe_file_name(sent) == kept


def test_a_long_name_is_cut_to_255_bytes_on_a_character_keeping_its_suffix():
    kept = safe_file_name("Справа-" * 40 + ".xlsx")

    assert len(kept.encode()) <= 255 and len(kept.encode()) > 250
    assert kept.startswith("Справа-") and kept.endswith(".xlsx")
    assert "\ufffd" not in kept


def test_a_long_name_without_a_short_suffix_is_cut_whole():
    kept = safe_file_name("я" * 200 + "." + "x" * 100)

    assert len(kept.encode()) == 254 and set(kept) == {"я"}  # 127 two-byte letters
