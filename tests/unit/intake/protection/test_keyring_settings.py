"""Master keys from settings: made once for an embedded installation, required in production."""

import stat
from concurrent.futures import ThreadPoolExecutor

import pytest

from services.intake.protection.keys import Keyring, KeyringError, new_data_key
from shared import config
from shared.crypto.key_material import encode as b64

BENEFICIARY = "6f1c2a4e-0000-4000-8000-000000000001"


def test_an_embedded_installation_makes_its_master_key_once_owner_only(embedded, tmp_path):
    Keyring.from_settings(embedded())

    path = tmp_path / "intake-master-keys"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["intake-master-keys"]


def test_an_embedded_installation_reuses_its_master_key_on_the_next_start(embedded, tmp_path):
    data_key = new_data_key()
    first = Keyring.from_settings(embedded())
    kept = (tmp_path / "intake-master-keys").read_bytes()
    second = Keyring.from_settings(embedded())

    assert second.unwrap(BENEFICIARY, first.wrap(BENEFICIARY, data_key)) == data_key
    assert (tmp_path / "intake-master-keys").read_bytes() == kept


def test_installations_starting_together_agree_on_one_master_key(embedded):
    data_key = new_data_key()
    with ThreadPoolExecutor(8) as pool:
        keyrings = list(pool.map(lambda _: Keyring.from_settings(embedded()), range(8)))

    wrapped = keyrings[0].wrap(BENEFICIARY, data_key)
    assert all(keyring.unwrap(BENEFICIARY, wrapped) == data_key for keyring in keyrings)


def test_each_embedded_installation_has_its_own_master_key(tmp_path):
    def keyring(folder):
        return Keyring.from_settings(config.from_env(
            "intake", {"VIDNOVA_DATA_DIR": str(tmp_path / folder), "JWT_SECRET": "s" * 40}))

    with pytest.raises(KeyringError):
        keyring("two").unwrap(BENEFICIARY, keyring("one").wrap(BENEFICIARY, new_data_key()))


def test_configured_master_keys_win_and_no_key_file_is_made(embedded, tmp_path, key_a):
    keyring = Keyring.from_settings(embedded(INTAKE_MASTER_KEYS=f"2026-11:{b64(key_a)}"))

    assert keyring.current_id == "2026-11"
    assert not (tmp_path / "intake-master-keys").exists()


def test_production_accepts_configured_master_keys(production, key_a, key_b):
    keyring = Keyring.from_settings(production(
        INTAKE_MASTER_KEYS=f"2026-05:{b64(key_a)},2026-11:{b64(key_b)}", INTAKE_MASTER_KEY_ID="2026-11"))

    assert (keyring.ids, keyring.current_id) == (["2026-05", "2026-11"], "2026-11")


def test_production_refuses_to_run_without_master_keys(production, tmp_path):
    with pytest.raises(KeyringError, match="production needs INTAKE_MASTER_KEYS"):
        Keyring.from_settings(production())

    assert not (tmp_path / "intake-master-keys").exists()


def test_production_never_falls_back_to_an_embedded_key_file(embedded, production):
    Keyring.from_settings(embedded())

    with pytest.raises(KeyringError, match="production needs INTAKE_MASTER_KEYS"):
        Keyring.from_settings(production())


def test_a_short_master_key_is_refused_without_showing_it(production):
    short = b64(b"\x8f" * 16)

    with pytest.raises(KeyringError, match="'2026-11' must be 32 bytes") as refused:
        Keyring.from_settings(production(INTAKE_MASTER_KEYS=f"2026-11:{short}"))

    assert short not in str(refused.value)
    assert refused.value.__cause__ is None


KEY = b64(bytes(range(32)))


@pytest.mark.parametrize("entry", [KEY, f"{KEY}:2026-11", f"2026-11:{KEY}!", f"2026-11:{KEY}:x",
                                   f"2026-11:{KEY[:-1]}"],
                         ids=["no-id", "reversed", "not-base64", "extra-part", "unpadded"])
def test_malformed_master_keys_are_refused_without_showing_them(production, entry):
    with pytest.raises(KeyringError) as refused:
        Keyring.from_settings(production(INTAKE_MASTER_KEYS=entry))

    assert KEY[:8] not in str(refused.value)


def test_several_master_keys_need_the_current_one_named(production, key_a, key_b):
    with pytest.raises(KeyringError, match="INTAKE_MASTER_KEY_ID must name the current key among: A, B"):
        Keyring.from_settings(production(INTAKE_MASTER_KEYS=f"A:{b64(key_a)},B:{b64(key_b)}"))


def test_the_named_current_key_must_be_configured(production, key_a):
    with pytest.raises(KeyringError, match="'B' is not in the keyring"):
        Keyring.from_settings(production(INTAKE_MASTER_KEYS=f"A:{b64(key_a)}", INTAKE_MASTER_KEY_ID="B"))


def test_a_master_key_id_may_be_listed_once_only(production, key_a, key_b):
    with pytest.raises(KeyringError, match="'A' twice"):
        Keyring.from_settings(production(INTAKE_MASTER_KEYS=f"A:{b64(key_a)},A:{b64(key_b)}"))
