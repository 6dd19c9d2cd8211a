"""Rotation: old wrapped keys are rewrapped under the new current master key."""

import pytest

from services.intake.protection.keys import Keyring, KeyringError, new_data_key
from shared.crypto.key_material import encode as b64

BENEFICIARY = "6f1c2a4e-0000-4000-8000-000000000001"


def test_a_key_wrapped_under_the_old_master_key_is_rewrapped_under_the_new_one(key_a, key_b):
    data_key = new_data_key()
    old = Keyring({"A": key_a}, current_id="A").wrap(BENEFICIARY, data_key)
    rotating = Keyring({"A": key_a, "B": key_b}, current_id="B")

    rewrapped = rotating.rewrap(BENEFICIARY, old)

    assert rewrapped.master_key_id == "B"
    assert rotating.unwrap(BENEFICIARY, rewrapped) == data_key
    assert Keyring({"B": key_b}, current_id="B").unwrap(BENEFICIARY, rewrapped) == data_key


def test_during_rotation_keys_not_yet_rewrapped_still_unwrap(key_a, key_b):
    data_key = new_data_key()
    old = Keyring({"A": key_a}, current_id="A").wrap(BENEFICIARY, data_key)

    assert Keyring({"A": key_a, "B": key_b}, current_id="B").unwrap(BENEFICIARY, old) == data_key


def test_a_keyring_without_the_old_master_key_cannot_unwrap_what_it_wrapped(key_a, key_b):
    old = Keyring({"A": key_a}, current_id="A").wrap(BENEFICIARY, new_data_key())

    with pytest.raises(KeyringError, match="'A' is not in the keyring"):
        Keyring({"B": key_b}, current_id="B").unwrap(BENEFICIARY, old)


def test_new_keys_are_wrapped_under_the_current_master_key(key_a, key_b):
    keyring = Keyring({"A": key_a, "B": key_b}, current_id="B")

    assert keyring.wrap(BENEFICIARY, new_data_key()).master_key_id == "B"


def test_rewrapping_a_key_already_under_the_current_master_key_changes_nothing(key_a):
    keyring = Keyring({"A": key_a}, current_id="A")
    wrapped = keyring.wrap(BENEFICIARY, new_data_key())

    assert keyring.rewrap(BENEFICIARY, wrapped) is wrapped


def test_rewrapping_refuses_a_key_that_does_not_open(key_a, key_b):
    old = Keyring({"A": key_a}, current_id="A").wrap(BENEFICIARY, new_data_key())

    with pytest.raises(KeyringError):
        Keyring({"A": key_a, "B": key_b}, current_id="B").rewrap("someone-else", old)


def test_rotation_is_configured_by_listing_both_keys_and_naming_the_new_one(embedded, key_a, key_b):
    data_key = new_data_key()
    before = Keyring.from_settings(embedded(INTAKE_MASTER_KEYS=f"2026-05:{b64(key_a)}"))
    after = Keyring.from_settings(embedded(
        INTAKE_MASTER_KEYS=f"2026-05:{b64(key_a)}, 2026-11:{b64(key_b)}", INTAKE_MASTER_KEY_ID="2026-11"))

    rewrapped = after.rewrap(BENEFICIARY, before.wrap(BENEFICIARY, data_key))

    assert (after.current_id, rewrapped.master_key_id) == ("2026-11", "2026-11")
    assert after.unwrap(BENEFICIARY, rewrapped) == data_key
