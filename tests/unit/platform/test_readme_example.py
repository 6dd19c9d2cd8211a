"""The README's first example registers someone: a reader copying it gets a 201."""

from __future__ import annotations

import json
import re
from pathlib import Path

README = Path(__file__).resolve().parents[3] / "README.md"


def readme_registration() -> dict:
    """The JSON body of the README's ``curl ... /beneficiaries ... -d '...'``."""
    text = README.read_text()
    [body] = re.findall(r"8001/beneficiaries.*?-d '(.*?)'", text, re.DOTALL)
    return json.loads(body)


def test_the_readme_registration_example_is_accepted(client, bearer):
    response = client.post("/beneficiaries", json=readme_registration(),
                           headers=bearer("caseworker", user="alice"))

    assert response.status_code == 201, response.get_json()
    assert response.get_json()["region"] == "UA-46"
