"""An uploaded file's name as intake keeps and shows it.

The name is the uploader's to choose and travels into the import's record, its API
answers and the command's output: a browser may send a whole Windows path, a name may
carry line breaks or terminal escapes that forge log lines and output, or a direction
mark (U+202E) that makes a name ending in ".exe" look as if it ended in ".xlsx". Only
the last part of the path is kept, without control or format characters, and at most
255 bytes of UTF-8 (the limit of most file systems), cut on a character and keeping the
suffix that says the file's kind. Letters of any script stay as they are.
"""

from __future__ import annotations

import unicodedata

MAX_NAME_BYTES = 255
MAX_SUFFIX = 16  # characters of a suffix kept whole when the name is cut (".xlsx", ".csv")
# Control, format (direction marks), surrogate (undecodable bytes of a command-line
# name), line and paragraph separator characters.
_DROPPED = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))


def safe_file_name(name: str) -> str:
    """The base name of ``name`` (after any "/" or "\\"), cleaned and bounded."""
    base = name.replace("\\", "/").rpartition("/")[2]
    kept = "".join(char for char in unicodedata.normalize("NFC", base)
                   if unicodedata.category(char) not in _DROPPED).strip()
    if kept in (".", ".."):
        return ""
    return _cut(kept)


def _cut(name: str) -> str:
    if len(name.encode()) <= MAX_NAME_BYTES:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot or len(suffix) >= MAX_SUFFIX or not stem:
        stem, suffix = name, ""
    else:
        suffix = dot + suffix
    room = MAX_NAME_BYTES - len(suffix.encode())
    return stem.encode()[:room].decode(errors="ignore") + suffix
