"""Data keys: made per beneficiary, opened, destroyed for good, re-wrapped on rotation."""

from __future__ import annotations

import base64
import os
import uuid

import pytest

from services.intake.adapters.keystore.store import KeyDestroyed, KeyStore
from services.intake.adapters.keystore.tables import data_keys
from services.intake.protection.keys import Keyring
from services.intake.service import SERVICE
from shared import config, migrations
from shared.db import Database


def _key() -> bytes:
    return os.urandom(32)


@pytest.fixture
def db(tmp_path):
    settings = config.from_env("intake", {"VIDNOVA_DATA_DIR": str(tmp_path)})
    url = settings.database_url_for("keystore")
    migrations.upgrade(SERVICE.further_databases[0].migrations_dir, url)
    database = Database(url)
    yield database
    database.dispose()


def test_the_key_store_is_a_database_of_its_own_beside_intakes(tmp_path):
    settings = config.from_env("intake", {"VIDNOVA_DATA_DIR": str(tmp_path)})
    assert settings.database_url_for("keystore") != settings.database_url
    assert settings.database_url_for("keystore").endswith("intake-keystore.db")


def test_production_refuses_a_sqlite_key_store(tmp_path):
    settings = config.from_env("intake", {
        "VIDNOVA_ENV": "production", "JWT_SECRET": "s" * 40, "AMQP_URL": "amqp://h//",
        "INTAKE_DATABASE_URL": "postgresql+psycopg://u@db/intake"})
    with pytest.raises(config.ConfigError, match="INTAKE_KEYSTORE_DATABASE_URL"):
        settings.database_url_for("keystore")


def test_a_created_key_opens_again_for_its_beneficiary_only(db):
    store = KeyStore(db, Keyring({"a": _key()}, "a"))
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    key = store.create(first)
    store.create(second)
    assert store.open(first) == key
    assert store.open(second) != key


def test_the_stored_key_is_wrapped_never_raw(db):
    store = KeyStore(db, Keyring({"a": _key()}, "a"))
    beneficiary = str(uuid.uuid4())
    key = store.create(beneficiary)
    with db.reading() as session:
        stored = session.execute(data_keys.select()).one()
    assert key not in stored.wrapped_key and base64.b64encode(key) not in stored.wrapped_key


def test_a_destroyed_key_cannot_be_opened(db):
    store = KeyStore(db, Keyring({"a": _key()}, "a"))
    beneficiary = str(uuid.uuid4())
    store.create(beneficiary)
    assert store.destroy(beneficiary) is True
    with pytest.raises(KeyDestroyed):
        store.open(beneficiary)
    assert store.destroy(beneficiary) is False


def test_rotation_rewraps_old_keys_under_the_new_master_key_and_is_repeatable(db):
    old, new = _key(), _key()
    before = KeyStore(db, Keyring({"2026-01": old}, "2026-01"))
    beneficiaries = [str(uuid.uuid4()) for _ in range(7)]
    keys = {b: before.create(b) for b in beneficiaries}

    rotating = KeyStore(db, Keyring({"2026-01": old, "2026-12": new}, "2026-12"))
    first = rotating.rotate(batch_size=3)
    again = rotating.rotate(batch_size=3)

    assert (first.rewrapped, first.already_current) == (7, 0)
    assert (again.rewrapped, again.already_current) == (0, 7)
    only_new = KeyStore(db, Keyring({"2026-12": new}, "2026-12"))
    assert {b: only_new.open(b) for b in beneficiaries} == keys


def test_the_rotate_keys_command_rewraps_under_the_configured_current_key(tmp_path, capsys):
    from services.platform import main

    old, new = base64.b64encode(_key()).decode(), base64.b64encode(_key()).decode()
    env = {"VIDNOVA_DATA_DIR": str(tmp_path), "INTAKE_MASTER_KEYS": f"k1:{old}"}
    settings = config.from_env("intake", env)
    url = settings.database_url_for("keystore")
    migrations.upgrade(SERVICE.further_databases[0].migrations_dir, url)
    database = Database(url)
    KeyStore(database, Keyring.from_settings(settings)).create(str(uuid.uuid4()))

    rotated = {**env, "INTAKE_MASTER_KEYS": f"k1:{old},k2:{new}", "INTAKE_MASTER_KEY_ID": "k2"}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in rotated.items():
            patch.setenv(name, value)
        assert main(["intake", "rotate-keys"]) == 0
    assert "re-wrapped 1 data key(s)" in capsys.readouterr().out
    with database.reading() as session:
        assert session.execute(data_keys.select()).one().master_key_id == "k2"
    database.dispose()
