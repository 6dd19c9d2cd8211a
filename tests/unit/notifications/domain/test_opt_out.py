"""An inbound STOP in any of the programme's languages, in any case, with stray spaces."""

import pytest

from services.notifications.domain.opt_out import e164, is_opt_out


@pytest.mark.parametrize("text", ["STOP", "stop", " Stop ", "STOP ALL", "stop   all", "СТОП",
                                  "стоп", "ВІДПИСАТИСЯ", "Відписатися ", "ОТПИСАТЬСЯ",
                                  "\tотписаться\n"])
def test_every_stop_word_opts_out(text):
    assert is_opt_out(text)


@pytest.mark.parametrize("text", ["", None, "STOPP", "please stop", "Дякую", "stop it"])
def test_other_replies_do_not_opt_out(text):
    assert not is_opt_out(text)


@pytest.mark.parametrize(("sender", "number"), [
    ("380671112233", "+380671112233"), ("+380671112233", "+380671112233"),
    ("00380671112233", "+380671112233"), ("0671112233", None), ("", None)])
def test_an_inbound_sender_is_read_as_an_international_number(sender, number):
    assert e164(sender) == number
