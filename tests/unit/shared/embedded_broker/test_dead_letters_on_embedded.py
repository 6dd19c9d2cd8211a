"""``vidnova dead-letters list|replay`` on the embedded broker: every dead letter has an id,
a body that is not an event included, and is replayed by it alone."""

import json
import subprocess
import sys

from services.training.service import SERVICE as TRAINING
from shared.events.contracts.intake import BENEFICIARY_REGISTERED
from tests.support.embedded import EmbeddedTraining, running
from tests.support.processes import ROOT, clean_environment
from tests.support.waiting import eventually
from tests.unit.shared.embedded_broker.test_consumer_on_embedded import projected, registered_event


def vidnova(training, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "services.platform", "dead-letters", *args],
                          cwd=ROOT, env=clean_environment(**training.env), capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def listed(training) -> list[dict]:
    return [json.loads(line) for line in vidnova(training, "list", "--service", "training").splitlines()]


def test_dead_letters_are_listed_with_an_id_and_replayed_by_it_even_when_not_json(tmp_path):
    training = EmbeddedTraining(tmp_path / "var")
    event = registered_event()
    training.insert_row(training.queue, b"\xff garbage", "{}")
    training.publish(event)

    def broken(session, envelope):
        raise ValueError("handler bug")

    with running(training.consumer({BENEFICIARY_REGISTERED: broken})):
        letters = eventually(lambda: len(listed(training)) == 2 and listed(training), timeout=30,
                             what="both messages dead-lettered")
    by_error = {letter["error"]: letter for letter in letters}
    garbage, failed = by_error["EnvelopeError"], by_error["ValueError"]
    assert garbage["event_id"] is None and garbage["id"].startswith("body-sha256:")
    assert (failed["id"], failed["event_id"], failed["attempts"]) == (event.id, event.id, 3)

    assert "replayed 1 " in vidnova(training, "replay", "--service", "training", "--id", garbage["id"])
    assert listed(training) == [failed]  # the other one untouched
    assert "replayed 1 " in vidnova(training, "replay", "--service", "training", "--id", event.id)
    assert listed(training) == []

    with running(training.consumer(TRAINING.handlers)):  # the fix is deployed
        eventually(lambda: projected(training) == 1, what="the replayed event applied")
        [again] = eventually(lambda: listed(training), what="the garbage dead-lettered again")
    assert again["id"] == garbage["id"]  # the same body, the same id
