"""The broker file holds events, some with personal data (the consented contact
channels): it and its WAL companions are readable by their owner only, whatever the
process's umask, and a folder or file left wider by an earlier version is tightened."""

import os
import stat

import pytest

from shared.messaging.embedded.store import BrokerStore
from tests.unit.shared.embedded_broker.conftest import message


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def permissive_umask():
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def test_the_broker_file_and_its_wal_companions_are_0600_in_a_0700_folder(
        permissive_umask, store, broker_file):
    store.publish(message())  # the WAL has something in it

    assert mode(broker_file.parent) == 0o700
    for path in (broker_file, f"{broker_file}-wal", f"{broker_file}-shm"):
        assert mode(path) == 0o600, path


def test_a_folder_and_file_left_readable_by_others_are_tightened_on_opening(broker_file):
    broker_file.parent.mkdir(parents=True)
    os.chmod(broker_file.parent, 0o755)
    broker_file.touch()
    os.chmod(broker_file, 0o644)

    BrokerStore(broker_file, max_message_bytes=10, lease_seconds=1).close()

    assert (mode(broker_file.parent), mode(broker_file)) == (0o700, 0o600)
