"""Personal fields encrypted under a beneficiary's data key open only with the same key,
beneficiary and purpose, and never show the plaintext."""

import pytest

from services.intake.protection.cipher import decrypt_fields, encrypt_fields
from services.intake.protection.keys import new_data_key
from shared.crypto.errors import CipherError

BENEFICIARY = "6f1c2a4e-0000-4000-8000-000000000001"
PERSON = {"given_name": "Олена", "family_name": "Коваль", "birthdate": "1990-03-02",
          "phone": "+380671234567", "notes": None, "children": 2}


@pytest.fixture
def data_key():
    return new_data_key()


def test_fields_round_trip(data_key):
    blob = encrypt_fields(data_key, BENEFICIARY, "person", PERSON)

    assert decrypt_fields(data_key, BENEFICIARY, "person", blob) == PERSON


def test_the_blob_is_versioned_and_carries_a_fresh_nonce(data_key):
    first = encrypt_fields(data_key, BENEFICIARY, "person", PERSON)
    second = encrypt_fields(data_key, BENEFICIARY, "person", PERSON)

    assert first[0] == second[0] == 1
    assert first[1:13] != second[1:13]
    assert first != second


@pytest.mark.parametrize("plaintext", ["Олена", "Коваль", "+380671234567", "380671234567", "1990-03-02"])
def test_the_blob_never_contains_the_plaintext(data_key, plaintext):
    blob = encrypt_fields(data_key, BENEFICIARY, "person", PERSON)

    assert plaintext.encode() not in blob


def test_the_blob_length_does_not_give_away_a_name_length(data_key):
    short = encrypt_fields(data_key, BENEFICIARY, "person", {"given_name": "Ія"})
    longer = encrypt_fields(data_key, BENEFICIARY, "person", {"given_name": "Олена"})

    assert len(short) == len(longer)


@pytest.mark.parametrize("position", [0, 1, 12, 13, 40, -1], ids=lambda p: f"byte{p}")
def test_a_tampered_blob_does_not_open(data_key, position):
    blob = bytearray(encrypt_fields(data_key, BENEFICIARY, "person", PERSON))
    blob[position] ^= 0x01

    with pytest.raises(CipherError):
        decrypt_fields(data_key, BENEFICIARY, "person", bytes(blob))


def test_a_truncated_blob_does_not_open(data_key):
    blob = encrypt_fields(data_key, BENEFICIARY, "person", PERSON)

    with pytest.raises(CipherError):
        decrypt_fields(data_key, BENEFICIARY, "person", blob[:28])


def test_another_data_key_does_not_open_the_blob(data_key):
    blob = encrypt_fields(data_key, BENEFICIARY, "person", PERSON)

    with pytest.raises(CipherError, match="do not open"):
        decrypt_fields(new_data_key(), BENEFICIARY, "person", blob)


def test_a_blob_copied_to_another_beneficiary_does_not_open(data_key):
    blob = encrypt_fields(data_key, BENEFICIARY, "person", PERSON)

    with pytest.raises(CipherError):
        decrypt_fields(data_key, "6f1c2a4e-0000-4000-8000-000000000002", "person", blob)


def test_a_blob_moved_to_another_purpose_does_not_open(data_key):
    blob = encrypt_fields(data_key, BENEFICIARY, "person", PERSON)

    with pytest.raises(CipherError):
        decrypt_fields(data_key, BENEFICIARY, "contact", blob)


def test_the_error_shows_neither_the_key_nor_the_fields(data_key):
    blob = encrypt_fields(data_key, BENEFICIARY, "person", PERSON)

    with pytest.raises(CipherError) as refused:
        decrypt_fields(new_data_key(), BENEFICIARY, "person", blob)

    assert "Олена" not in str(refused.value) and data_key.hex() not in str(refused.value)


def test_only_full_length_data_keys_are_used():
    with pytest.raises(CipherError, match="32 bytes"):
        encrypt_fields(b"k" * 16, BENEFICIARY, "person", PERSON)
