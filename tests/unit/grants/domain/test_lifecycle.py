"""An application moves only along the lifecycle's allowed transitions."""

import pytest

from services.grants.domain.errors import TransitionNotAllowed
from services.grants.domain.lifecycle import STATUSES, TRANSITIONS, moved

ALLOWED = {(a, b) for a, targets in TRANSITIONS.items() for b in targets}


@pytest.mark.parametrize("current, to", sorted(ALLOWED))
def test_an_allowed_transition_is_taken(current, to):
    assert moved(current, to) == to


@pytest.mark.parametrize("current, to", sorted(
    (a, b) for a in STATUSES for b in STATUSES if (a, b) not in ALLOWED))
def test_any_other_transition_is_refused(current, to):
    with pytest.raises(TransitionNotAllowed):
        moved(current, to)


def test_decided_and_withdrawn_plans_are_final():
    assert not TRANSITIONS["approved"] and not TRANSITIONS["rejected"] and not TRANSITIONS["withdrawn"]
