"""No template may name trafficking, exploitation, victims or survivors, in any of the
programme's languages and their inflected forms."""

import pytest

from services.notifications.domain.deny_list import denied_words


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Support for Trafficking survivors"),
    ("en", "Exploited workers may apply"),
    ("en", "A message from IOM"),
    ("uk", "Допомога жертвам торгівлі людьми"),
    ("uk", "Для постраждалих від експлуатації"),
    ("uk", "Проєкт МОМ"),
    ("ru", "Помощь пострадавшим от торговли людьми"),
    ("ru", "Для жертв эксплуатации"),
    ("ru", "Программа для выживших"),
    ("uk", "Support for victims"),  # Latin terms are checked in every language
])
def test_a_denied_word_is_found_in_each_language(language, text):
    assert denied_words(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("uk", "Курс «Торгівля та продажі» починається завтра"),  # trade alone is a subject
    ("ru", "Курс торговли начнётся завтра"),
    ("en", "Your place on the course is confirmed"),
    ("en", "Biomedical course"),  # "iom" inside a word is no word
])
def test_a_discreet_text_passes(language, text):
    assert denied_words(text, language) == []
