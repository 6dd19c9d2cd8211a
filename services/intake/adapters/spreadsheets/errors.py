"""Why a whole file cannot be imported, as opposed to one of its rows."""

from __future__ import annotations


class UnreadableFile(Exception):
    """The file is not an HTCDS table intake can read; the message tells the uploader
    what to fix and never quotes the file's data."""
