"""Data keys wrapped under the current master key open only for their own beneficiary."""

import pytest

from services.intake.protection.keys import Keyring, KeyringError, WrappedKey, new_data_key

BENEFICIARY = "6f1c2a4e-0000-4000-8000-000000000001"
OTHER = "6f1c2a4e-0000-4000-8000-000000000002"


@pytest.fixture
def keyring(key_a):
    return Keyring({"2026-11": key_a}, current_id="2026-11")


def test_a_wrapped_data_key_unwraps_to_itself(keyring):
    data_key = new_data_key()

    wrapped = keyring.wrap(BENEFICIARY, data_key)

    assert wrapped.master_key_id == "2026-11"
    assert keyring.unwrap(BENEFICIARY, wrapped) == data_key


def test_data_keys_are_random_and_full_length():
    assert len(new_data_key()) == 32
    assert new_data_key() != new_data_key()


def test_a_wrapped_key_does_not_contain_the_data_key(keyring):
    data_key = new_data_key()

    assert data_key not in keyring.wrap(BENEFICIARY, data_key).blob


def test_wrapping_twice_gives_different_blobs(keyring):
    data_key = new_data_key()

    assert keyring.wrap(BENEFICIARY, data_key).blob != keyring.wrap(BENEFICIARY, data_key).blob


def test_a_key_wrapped_for_one_beneficiary_does_not_unwrap_for_another(keyring):
    wrapped = keyring.wrap(BENEFICIARY, new_data_key())

    with pytest.raises(KeyringError, match="does not open for this beneficiary"):
        keyring.unwrap(OTHER, wrapped)


@pytest.mark.parametrize("position", [0, 1, 12, 13, 30, -1], ids=lambda p: f"byte{p}")
def test_a_tampered_wrapped_key_does_not_unwrap(keyring, position):
    blob = bytearray(keyring.wrap(BENEFICIARY, new_data_key()).blob)
    blob[position] ^= 0x01

    with pytest.raises(KeyringError):
        keyring.unwrap(BENEFICIARY, WrappedKey("2026-11", bytes(blob)))


def test_a_truncated_wrapped_key_does_not_unwrap(keyring):
    wrapped = keyring.wrap(BENEFICIARY, new_data_key())

    with pytest.raises(KeyringError):
        keyring.unwrap(BENEFICIARY, WrappedKey("2026-11", wrapped.blob[:20]))


def test_a_wrapped_key_relabelled_with_another_master_key_id_does_not_unwrap(key_a):
    keyring = Keyring({"A": key_a, "B": key_a}, current_id="A")
    wrapped = keyring.wrap(BENEFICIARY, new_data_key())

    with pytest.raises(KeyringError):
        keyring.unwrap(BENEFICIARY, WrappedKey("B", wrapped.blob))


def test_a_key_wrapped_under_an_unknown_master_key_is_refused_by_its_id(keyring):
    with pytest.raises(KeyringError, match="'2020-01' is not in the keyring"):
        keyring.unwrap(BENEFICIARY, WrappedKey("2020-01", b"\x01" * 60))


def test_only_full_length_data_keys_are_wrapped(keyring):
    with pytest.raises(KeyringError, match="32 bytes"):
        keyring.wrap(BENEFICIARY, b"k" * 16)


def test_the_current_key_must_be_in_the_keyring(key_a):
    with pytest.raises(KeyringError, match="'2027-01' is not in the keyring"):
        Keyring({"2026-11": key_a}, current_id="2027-01")


def test_master_keys_must_be_full_length():
    with pytest.raises(KeyringError, match="'2026-11' must be 32 bytes"):
        Keyring({"2026-11": b"k" * 16}, current_id="2026-11")


def test_a_keyring_shows_its_ids_but_never_its_keys(key_a, key_b):
    keyring = Keyring({"A": key_a, "B": key_b}, current_id="B")

    shown = repr(keyring) + str(vars(keyring))

    assert "'A'" in shown and "current_id='B'" in shown
    for key in (key_a, key_b):
        assert key.hex() not in shown and repr(key) not in shown
