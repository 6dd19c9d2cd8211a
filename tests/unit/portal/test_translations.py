"""Every message of the portal's pages has its Ukrainian translation, and the compiled
catalogue the app reads is the one the .po file says."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

PORTAL = Path(__file__).resolve().parents[3] / "services" / "portal"
CATALOGUE = PORTAL / "translations" / "uk" / "LC_MESSAGES"
KEYWORDS = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None}


def messages_in_the_code() -> set[str]:
    found = extract_from_dir(str(PORTAL), method_map=[("**.py", "python"), ("templates/**.html", "jinja2")],
                             keywords=KEYWORDS)
    return {message for _file, _line, message, _comments, _context in found if isinstance(message, str)}


def test_every_message_of_the_portal_has_a_ukrainian_translation():
    with open(CATALOGUE / "messages.po", "rb") as po:
        translated = {m.id: m.string for m in read_po(po) if m.id}
    untranslated = sorted(m for m in messages_in_the_code() if not translated.get(m))
    assert not untranslated


def test_the_compiled_catalogue_matches_the_po_file():
    with open(CATALOGUE / "messages.po", "rb") as po, open(CATALOGUE / "messages.mo", "rb") as mo:
        source = {m.id: m.string for m in read_po(po) if m.id}
        compiled = {m.id: m.string for m in read_mo(mo) if m.id}
    assert compiled == source
