"""Reading and writing the sealed part of a beneficiary: encrypted sections under their
own data key, and the blind indexes they can be found by."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from services.intake.adapters.tables import beneficiaries, blind_indexes, personal_records
from services.intake.keystore.store import KeyStore
from services.intake.protection.blind_index import BlindIndex
from services.intake.protection.cipher import decrypt_fields, encrypt_fields
from shared.clock import utcnow

ACTIVE = "active"


class PersonalData:
    def __init__(self, keys: KeyStore, index: BlindIndex):
        self.keys, self.index = keys, index

    def digests(self, keys: Iterable[tuple[str, tuple[str, ...]]]) -> list[tuple[str, str]]:
        """(kind, digest) for search keys such as ("phone", ("+380...",))."""
        return [(kind, getattr(self.index, kind)(*values)) for kind, values in keys]

    def find(self, session: Session, digests: list[tuple[str, str]]) -> list[str]:
        """Ids of active beneficiaries matching any of the (kind, digest) pairs."""
        if not digests:
            return []
        wanted = set(digests)
        # Two lookups by primary or indexed key, never a join: whatever the planner knows
        # of the tables' sizes, each stays an index probe.
        rows = session.execute(
            select(blind_indexes.c.beneficiary_id, blind_indexes.c.kind, blind_indexes.c.digest)
            .where(blind_indexes.c.digest.in_([digest for _, digest in wanted])))
        matched = {row.beneficiary_id for row in rows if (row.kind, row.digest) in wanted}
        if not matched:
            return []
        return sorted(session.execute(select(beneficiaries.c.id).where(
            beneficiaries.c.id.in_(matched), beneficiaries.c.status == ACTIVE)).scalars())

    def seal(self, session: Session, beneficiary_id: str, sections: dict[str, dict],
             digests: list[tuple[str, str]]) -> None:
        """Encrypt the sections under a new data key (committed to the key store first)
        and record the blind indexes, in the caller's transaction."""
        self._write(session, beneficiary_id, self.keys.create(beneficiary_id), sections, digests)

    def _write(self, session: Session, beneficiary_id: str, data_key: bytes,
               sections: dict[str, dict], digests: list[tuple[str, str]]) -> None:
        now = utcnow()
        rows = [{"beneficiary_id": beneficiary_id, "section": name, "updated_at": now,
                 "ciphertext": encrypt_fields(data_key, beneficiary_id, name, fields)}
                for name, fields in sections.items()]
        if rows:
            session.execute(insert(personal_records), rows)
        if digests:
            session.execute(insert(blind_indexes), [
                {"beneficiary_id": beneficiary_id, "kind": kind, "digest": digest}
                for kind, digest in sorted(set(digests))])

    def reseal(self, session: Session, beneficiary_id: str, sections: dict[str, dict],
               digests: list[tuple[str, str]]) -> None:
        """Replace the sealed sections and the indexes, under the beneficiary's same key."""
        data_key = self.keys.open(beneficiary_id)
        session.execute(delete(personal_records)
                        .where(personal_records.c.beneficiary_id == beneficiary_id))
        self.forget_indexes(session, beneficiary_id)
        self._write(session, beneficiary_id, data_key, sections, digests)

    def open(self, session: Session, beneficiary_id: str) -> dict[str, dict]:
        """The decrypted sections; ``KeyDestroyed`` once the beneficiary was erased."""
        data_key = self.keys.open(beneficiary_id)
        rows = session.execute(select(personal_records.c.section, personal_records.c.ciphertext)
                               .where(personal_records.c.beneficiary_id == beneficiary_id))
        return {row.section: decrypt_fields(data_key, beneficiary_id, row.section, row.ciphertext)
                for row in rows}

    def forget_indexes(self, session: Session, beneficiary_id: str) -> None:
        session.execute(delete(blind_indexes).where(blind_indexes.c.beneficiary_id == beneficiary_id))
