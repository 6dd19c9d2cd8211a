"""An installation upgraded from the filesystem transport loses none of the messages it
left undelivered: ``vidnova migrate`` moves them into the embedded broker and deletes
their files (readable by anyone, some with contact channels)."""

import json
import sqlite3

from kombu import Connection, Producer

from services.platform import SERVICES
from shared import config
from shared.cli.setup import migrate
from tests.support.embedded import TEST_ENV
from tests.unit.shared.embedded_broker.test_consumer_on_embedded import registered_event

HALF_WRITTEN = b'{"body": "eyJpZCI6ICIx'


def write_as_the_filesystem_transport_did(settings, queue: str, body: str, message_id: str) -> None:
    folder = settings.broker_folder
    (folder / "data").mkdir(parents=True)
    (folder / "control").mkdir()
    options = {"data_folder_in": str(folder / "data"), "data_folder_out": str(folder / "data"),
               "control_folder": str(folder / "control")}
    with Connection("filesystem://", transport_options=options) as old:
        Producer(old.channel()).publish(body, exchange="", routing_key=queue, message_id=message_id,
                                        content_type="application/json", content_encoding="utf-8")


def test_messages_the_filesystem_transport_left_are_moved_into_the_embedded_broker(tmp_path):
    env = {**TEST_ENV, "VIDNOVA_DATA_DIR": str(tmp_path / "var"), "VIDNOVA_BROKER_PREFIX": "vidnova"}
    settings = config.from_env("training", env)
    event = registered_event()
    write_as_the_filesystem_transport_did(settings, "vidnova.training", event.to_json(), event.id)
    data = settings.broker_folder / "data"
    (data / "1_0a.vidnova.grants.msg").write_bytes(HALF_WRITTEN)  # its writer died midway
    (data / "2_0b.vidnova.retired-queue.msg").write_bytes(b"{}")

    assert migrate(SERVICES, env) == 2

    with sqlite3.connect(settings.broker_file) as db:
        stored = {queue: (body, json.loads(meta)) for queue, body, meta in db.execute(
            "SELECT queue, body, meta FROM messages")}
    body, meta = stored["vidnova.training"]
    assert (body.decode(), meta["properties"]["message_id"]) == (event.to_json(), event.id)
    assert stored["vidnova.grants"] == (HALF_WRITTEN, {})  # to be dead-lettered with its reason
    assert [path.name for path in data.iterdir()] == ["2_0b.vidnova.retired-queue.msg"]
