"""The table holds at the edge: every view's roles are the table's."""

from __future__ import annotations

import pytest

from services.training.domain.access import READ_REPORTS, WHO_MAY, roles_for


def operations(world):
    spec = world.client.get("/openapi.json").json
    return [(path, method, op) for path, ops in spec["paths"].items() for method, op in ops.items()
            if method in {"get", "post", "put", "patch"} and "security" in op and op["security"]]


def test_every_view_takes_its_roles_from_the_table(world):
    allowed = {", ".join(roles_for(action)) for action in WHO_MAY} | {"trainer, admin"}  # projection
    for path, method, op in operations(world):
        roles = op["description"].split("Roles: ")[1].rstrip(".")
        assert roles in allowed, (method, path)


@pytest.mark.parametrize("path", ["/courses", "/cohorts"])
def test_an_me_officer_is_refused_anything_but_reports(world, path):
    assert world.client.get(path, headers=world.as_("me_officer")).status_code == 403
    assert "me_officer" in roles_for(READ_REPORTS)
