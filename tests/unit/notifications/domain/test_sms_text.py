"""An SMS's encoding, length and segments, as the network counts them."""

import pytest

from services.notifications.domain.sms_text import GSM7, UCS2, size_of


@pytest.mark.parametrize(("text", "expected"), [
    ("a" * 160, (GSM7, 160, 1)),
    ("a" * 161, (GSM7, 161, 2)),
    ("a" * 306, (GSM7, 306, 2)),
    ("a" * 307, (GSM7, 307, 3)),
    ("{}" * 80, (GSM7, 320, 3)),  # extension characters take two septets each
    ("ж" * 70, (UCS2, 70, 1)),
    ("ж" * 71, (UCS2, 71, 2)),
    ("ж" * 134, (UCS2, 134, 2)),
    ("Hello ж", (UCS2, 7, 1)),  # one Cyrillic letter makes the whole text UCS-2
])
def test_an_sms_is_counted_in_its_encodings_units_and_segments(text, expected):
    size = size_of(text)
    assert (size.encoding, size.length, size.segments) == expected


def test_a_character_outside_the_basic_plane_counts_two_ucs2_units():
    assert size_of("🙂").length == 2
