"""The platform token is read from a Basic password or a Bearer header; anything else
counts as no credentials, so the client is challenged again."""

from __future__ import annotations

import base64

import pytest

from services.intake.api.openrosa.credentials import presented_token


def basic(text: str) -> str:
    return "Basic " + base64.b64encode(text.encode()).decode()


def test_the_basic_password_is_the_token_whatever_the_user_name():
    assert presented_token(basic("anyone:eyJ.token.sig")) == "eyJ.token.sig"


def test_a_password_may_hold_colons():
    assert presented_token(basic("anyone:a:b")) == "a:b"


def test_a_bearer_token_is_taken_as_it_is():
    assert presented_token("Bearer eyJ.token.sig") == "eyJ.token.sig"


@pytest.mark.parametrize("header", [None, "", "Basic", "Basic !!!not-base64", basic("no-colon"),
                                    basic("user:"), "Bearer ", "Digest username=x"])
def test_unreadable_or_empty_credentials_are_none(header):
    assert presented_token(header) is None
