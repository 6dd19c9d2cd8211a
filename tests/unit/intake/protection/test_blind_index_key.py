"""The blind-index key: made once for an embedded installation, required in production."""

import stat

import pytest

from services.intake.protection.blind_index import BlindIndex
from shared.crypto.errors import KeyringError
from shared.crypto.key_material import encode as b64


def test_an_embedded_installation_makes_its_index_key_once_owner_only(embedded, tmp_path):
    first = BlindIndex.from_settings(embedded()).name("Олена Коваль")
    second = BlindIndex.from_settings(embedded()).name("Олена Коваль")

    assert first == second
    assert stat.S_IMODE((tmp_path / "intake-blind-index-key").stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["intake-blind-index-key"]


def test_the_index_key_is_not_a_master_key(embedded, tmp_path):
    from services.intake.protection.keys import Keyring

    Keyring.from_settings(embedded())
    BlindIndex.from_settings(embedded())

    master = (tmp_path / "intake-master-keys").read_text().strip().partition(":")[2]
    assert master != (tmp_path / "intake-blind-index-key").read_text().strip()


def test_a_configured_index_key_wins(embedded, tmp_path, key_a):
    configured = BlindIndex.from_settings(embedded(INTAKE_BLIND_INDEX_KEY=b64(key_a)))

    assert configured.name("Олена") == BlindIndex(key_a).name("Олена")
    assert not (tmp_path / "intake-blind-index-key").exists()


def test_production_refuses_to_run_without_an_index_key(production, tmp_path):
    with pytest.raises(KeyringError, match="production needs INTAKE_BLIND_INDEX_KEY"):
        BlindIndex.from_settings(production())

    assert not (tmp_path / "intake-blind-index-key").exists()


def test_a_short_index_key_is_refused_without_showing_it(production):
    short = b64(b"\x8f" * 20)

    with pytest.raises(KeyringError, match="INTAKE_BLIND_INDEX_KEY must be 32 bytes") as refused:
        BlindIndex.from_settings(production(INTAKE_BLIND_INDEX_KEY=short))

    assert short not in str(refused.value)
