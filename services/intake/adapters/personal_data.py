"""Reading and writing the sealed part of a beneficiary: encrypted sections under their
own data key, and the blind indexes they can be found by."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from services.intake.adapters.keystore.store import KeyStore
from services.intake.adapters.tables import beneficiaries, blind_indexes, personal_records
from services.intake.domain.status import ACTIVE
from services.intake.protection.blind_index import BlindIndex
from services.intake.protection.cipher import decrypt_fields, encrypt_fields
from shared.clock import utcnow


@dataclass(frozen=True)
class Sealing:
    """A beneficiary's sections to encrypt and the (kind, digest) indexes to find them by."""

    beneficiary_id: str
    sections: dict[str, dict]
    digests: list[tuple[str, str]]


class PersonalData:
    def __init__(self, keys: KeyStore, index: BlindIndex):
        self.keys, self.index = keys, index

    def digests(self, keys: Iterable[tuple[str, tuple[str, ...]]]) -> list[tuple[str, str]]:
        """(kind, digest) for search keys such as ("phone", ("+380...",))."""
        return [(kind, getattr(self.index, kind)(*values)) for kind, values in keys]

    def find(self, session: Session, digests: list[tuple[str, str]]) -> list[str]:
        """Ids of active beneficiaries matching any of the (kind, digest) pairs."""
        matched = set().union(*self.matches(session, digests).values())
        if not matched:
            return []
        return sorted(session.execute(select(beneficiaries.c.id).where(
            beneficiaries.c.id.in_(matched), beneficiaries.c.status == ACTIVE)).scalars())

    def matches(self, session: Session, digests: Iterable[tuple[str, str]]
                ) -> dict[tuple[str, str], set[str]]:
        """For each (kind, digest) pair found, the ids of the beneficiaries indexed by it,
        in one query however many pairs are asked (an import asks a batch's at once)."""
        wanted = set(digests)
        if not wanted:
            return {}
        # A lookup by the indexed digest, never a join: whatever the planner knows of
        # the tables' sizes, it stays an index probe.
        rows = session.execute(
            select(blind_indexes.c.beneficiary_id, blind_indexes.c.kind, blind_indexes.c.digest)
            .where(blind_indexes.c.digest.in_({digest for _, digest in wanted})))
        found: dict[tuple[str, str], set[str]] = {}
        for row in rows:
            if (row.kind, row.digest) in wanted:
                found.setdefault((row.kind, row.digest), set()).add(row.beneficiary_id)
        return found

    def seal(self, session: Session, beneficiary_id: str, sections: dict[str, dict],
             digests: list[tuple[str, str]]) -> None:
        """Encrypt the sections under a new data key (committed to the key store first)
        and record the blind indexes, in the caller's transaction."""
        self.seal_many(session, [Sealing(beneficiary_id, sections, digests)])

    def seal_many(self, session: Session, sealings: list[Sealing]) -> None:
        """``seal`` for several beneficiaries: their new keys in one key-store commit, their
        sections and indexes in one statement each."""
        data_keys = self.keys.create_many([sealing.beneficiary_id for sealing in sealings])
        self._write(session, [(sealing, data_keys[sealing.beneficiary_id]) for sealing in sealings])

    def _write(self, session: Session, sealings: list[tuple[Sealing, bytes]]) -> None:
        now = utcnow()
        records, indexes = [], []
        for sealing, data_key in sealings:
            records += [{"beneficiary_id": sealing.beneficiary_id, "section": name, "updated_at": now,
                         "ciphertext": encrypt_fields(data_key, sealing.beneficiary_id, name, fields)}
                        for name, fields in sealing.sections.items()]
            indexes += [{"beneficiary_id": sealing.beneficiary_id, "kind": kind, "digest": digest}
                        for kind, digest in sorted(set(sealing.digests))]
        if records:
            session.execute(insert(personal_records), records)
        if indexes:
            session.execute(insert(blind_indexes), indexes)

    def reseal(self, session: Session, beneficiary_id: str, sections: dict[str, dict],
               digests: list[tuple[str, str]]) -> None:
        """Replace the sealed sections and the indexes, under the beneficiary's same key."""
        data_key = self.keys.open(beneficiary_id)
        session.execute(delete(personal_records)
                        .where(personal_records.c.beneficiary_id == beneficiary_id))
        self.forget_indexes(session, beneficiary_id)
        self._write(session, [(Sealing(beneficiary_id, sections, digests), data_key)])

    def open(self, session: Session, beneficiary_id: str) -> dict[str, dict]:
        """The decrypted sections; ``KeyDestroyed`` once the beneficiary was erased."""
        data_key = self.keys.open(beneficiary_id)
        rows = session.execute(select(personal_records.c.section, personal_records.c.ciphertext)
                               .where(personal_records.c.beneficiary_id == beneficiary_id))
        return {row.section: decrypt_fields(data_key, beneficiary_id, row.section, row.ciphertext)
                for row in rows}

    def forget_indexes(self, session: Session, beneficiary_id: str) -> None:
        session.execute(delete(blind_indexes).where(blind_indexes.c.beneficiary_id == beneficiary_id))

    def shred(self, session: Session, beneficiary_id: str) -> None:
        """Destroy the beneficiary's data key (committed in the key store first: every
        copy of their sealed data, backups included, is unreadable from then on) and drop
        the sealed sections and the indexes that could find them."""
        self.keys.destroy(beneficiary_id)
        self.forget_indexes(session, beneficiary_id)
        session.execute(delete(personal_records)
                        .where(personal_records.c.beneficiary_id == beneficiary_id))
