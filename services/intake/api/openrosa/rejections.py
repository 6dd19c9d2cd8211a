"""Which answers of a submission the beneficiary record refused, by XForm question name.

The enumerator sees the refusal on the phone and the server logs it, so it names the
questions only: a validation message can quote what was typed (a bad state code, a
region outside the country), and submissions carry survivors' personal data.
"""

from __future__ import annotations

from collections.abc import Iterator

from services.intake.domain.htcds_fields import FIELDS, flat_name

LANGUAGE_PARAMETER = "language"  # the submission URL's ?language=, the record's preferred_language
_XFORM_NAMES = {field.path: flat_name(field, "xform") for field in FIELDS
                if field.path and flat_name(field, "xform")}
_XFORM_NAMES["preferred_language"] = LANGUAGE_PARAMETER
_FORM_ORDER = {name: index for index, name in enumerate(_XFORM_NAMES.values())}


def refused_questions(messages: dict) -> list[str]:
    """The question names of marshmallow ``messages``, once each, in the form's order;
    a path the form has no question for (e.g. ``nrm.status``) is given as a dotted path."""
    names = dict.fromkeys(_question(path) for path in _paths(messages, ()))
    return sorted(names, key=lambda name: (_FORM_ORDER.get(name, len(_FORM_ORDER)), name))


def refusal_message(messages: dict) -> str:
    return ("These answers were not accepted: " + ", ".join(refused_questions(messages)) +
            ". Correct them, or update the form to its latest version, and send it again.")


def _paths(messages: dict, path: tuple) -> Iterator[tuple]:
    for key, value in messages.items():
        if isinstance(value, dict):
            yield from _paths(value, (*path, key))
        else:
            yield (*path, key)


def _question(path: tuple) -> str:
    """The question of an error path, which may go on into a multi-select's choices
    (``victim.methods_of_control.1``) or end at a schema-wide ``_schema``."""
    names = [key for key in path if isinstance(key, str) and key != "_schema"]
    for end in range(len(names), 0, -1):
        if question := _XFORM_NAMES.get(".".join(names[:end])):
            return question
    return ".".join(names) or "the submission"
