"""Templates render in the reader's language and time zone, sandboxed, and a template
that would not render or is not discreet is refused when saved."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from services.notifications.domain import kinds
from services.notifications.domain.default_texts import SUBJECTS, TEXTS
from services.notifications.domain.errors import TemplateRefused
from services.notifications.domain.rendering import check, render


def test_dates_times_and_money_follow_the_language():
    text = "{{ starts_at|date }} {{ starts_at|time }} {{ amount|money(currency) }}"
    values = {"starts_at": datetime(2026, 3, 9, 8, 0, tzinfo=UTC), "amount": Decimal("15000.5"),
              "currency": "UAH"}
    uk = render(text, "uk", values, "Europe/Kyiv")
    en = render(text, "en", values, "Europe/Kyiv")
    assert "9 березня 2026" in uk and "10:00" in uk and "15 000,50" in uk.replace("\xa0", " ")
    assert "March 9, 2026" in en and "10:00" in en and "UAH" in en


@pytest.mark.parametrize("kind", kinds.KINDS)
@pytest.mark.parametrize("language", ["uk", "ru", "en"])
def test_every_built_in_text_is_discreet_and_renders(kind, language):
    check(kind, language, SUBJECTS[language], TEXTS[kind][language])


def test_a_template_reaching_into_python_is_refused():
    with pytest.raises(TemplateRefused) as refused:
        check(kinds.WELCOME, "en", "{{ ''.__class__.__mro__ }}")
    assert "render" in refused.value.errors


def test_a_variable_the_kind_has_not_is_refused():
    with pytest.raises(TemplateRefused) as refused:
        check(kinds.WELCOME, "en", "Hello {{ first_name }}")
    assert "first_name" in refused.value.errors["variables"][0]


def test_a_template_that_does_not_parse_is_refused():
    with pytest.raises(TemplateRefused) as refused:
        check(kinds.WELCOME, "en", "Hello {{ ")
    assert "syntax" in refused.value.errors


@pytest.mark.parametrize(("language", "text", "word"), [
    ("uk", "Підтримка для жертв", "жертв"),
    ("ru", "Помощь пострадавшим", "пострадавшим"),
    ("en", "Help for survivors", "survivors"),
])
def test_the_deny_list_blocks_a_template_in_each_language(language, text, word):
    with pytest.raises(TemplateRefused) as refused:
        check(kinds.WELCOME, language, text)
    assert refused.value.errors["denied_words"] == [word]
