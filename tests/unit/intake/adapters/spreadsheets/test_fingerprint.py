"""The same file uploaded twice has the same fingerprint; any other file another."""

from __future__ import annotations

import hashlib
import io

from services.intake.adapters.spreadsheets.fingerprint import CHUNK_SIZE, file_fingerprint

CONTENT = b"prs_FirstName,prs_SecondName\r\nIryna,Petrenko\r\n" * (CHUNK_SIZE // 20)  # over 2 chunks


def test_the_fingerprint_is_the_sha256_of_the_whole_file_read_in_chunks(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes(CONTENT)

    assert file_fingerprint(path) == file_fingerprint(str(path)) == hashlib.sha256(CONTENT).hexdigest()


def test_the_same_bytes_give_the_same_fingerprint_from_a_file_or_an_upload(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes(CONTENT)
    assert file_fingerprint(io.BytesIO(CONTENT)) == file_fingerprint(path)


def test_one_changed_byte_changes_the_fingerprint():
    changed = bytearray(CONTENT)
    changed[len(changed) // 2] ^= 1
    assert file_fingerprint(io.BytesIO(bytes(changed))) != file_fingerprint(io.BytesIO(CONTENT))


def test_an_upload_can_be_read_again_after_its_fingerprint_is_taken():
    upload = io.BytesIO(CONTENT)
    file_fingerprint(upload)
    assert upload.tell() == 0 and upload.read() == CONTENT
