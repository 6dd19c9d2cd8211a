"""Making, opening, destroying and re-wrapping beneficiaries' data keys."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update

from services.intake.adapters.keystore.tables import data_keys
from services.intake.protection.keys import Keyring, WrappedKey, new_data_key
from shared.clock import utcnow
from shared.db import Database


class KeyDestroyed(Exception):
    """The beneficiary's data key is gone (erased): their personal data cannot be read."""


@dataclass(frozen=True)
class Rotation:
    rewrapped: int
    already_current: int


class KeyStore:
    def __init__(self, db: Database, keyring: Keyring):
        self.db, self.keyring = db, keyring

    def create(self, beneficiary_id: str) -> bytes:
        """A new data key for the beneficiary, stored wrapped (committed on return)."""
        return self.create_many([beneficiary_id])[beneficiary_id]

    def create_many(self, beneficiary_ids: list[str]) -> dict[str, bytes]:
        """A new data key for each beneficiary, stored wrapped in one transaction
        (committed on return): a batch of registrations costs the key store one commit.

        The commit is provisional: the keys mean nothing until the records sealed under
        them commit in intake's own database, so should the use case fail before that
        commit begins, the keys are deleted again (``commit_ledger``); those it leaves
        after a commit lost half-way, the orphan-key sweep destroys."""
        data_keys_by_id = {beneficiary_id: new_data_key() for beneficiary_id in beneficiary_ids}
        now = utcnow()
        rows = []
        for beneficiary_id, data_key in data_keys_by_id.items():
            wrapped = self.keyring.wrap(beneficiary_id, data_key)
            rows.append({"beneficiary_id": beneficiary_id, "master_key_id": wrapped.master_key_id,
                         "wrapped_key": wrapped.blob, "created_at": now})
        if rows:
            ids = list(data_keys_by_id)
            with self.db.transaction(undo=lambda: self._take_back(ids)) as session:
                session.execute(insert(data_keys), rows)
        return data_keys_by_id

    def _take_back(self, beneficiary_ids: list[str]) -> None:
        """Delete keys just made for registrations that did not commit: new ids of
        nobody, which no record was ever sealed under."""
        with self.db.transaction() as session:
            session.execute(delete(data_keys).where(data_keys.c.beneficiary_id.in_(beneficiary_ids)))

    def open(self, beneficiary_id: str) -> bytes:
        with self.db.reading() as session:
            row = session.execute(select(data_keys.c.master_key_id, data_keys.c.wrapped_key)
                                  .where(data_keys.c.beneficiary_id == beneficiary_id)).first()
        if row is None:
            raise KeyDestroyed(beneficiary_id)
        return self.keyring.unwrap(beneficiary_id, WrappedKey(row.master_key_id, row.wrapped_key))

    def made_before(self, cutoff: datetime, after: str | None, limit: int) -> list[str]:
        """Ids of the keys made before ``cutoff``, at most ``limit`` of them, in id order
        from past ``after``: a page of a walk through the whole store (the primary key's
        order, so each page is one index range, however large the store)."""
        query = (select(data_keys.c.beneficiary_id).where(data_keys.c.created_at < cutoff)
                 .order_by(data_keys.c.beneficiary_id).limit(limit))
        if after is not None:
            query = query.where(data_keys.c.beneficiary_id > after)
        with self.db.reading() as session:
            return list(session.execute(query).scalars())

    def destroy_old(self, beneficiary_ids: list[str], cutoff: datetime) -> int:
        """Delete those of the beneficiaries' keys made before ``cutoff``, for good; how
        many were deleted (another sweep at the same moment deletes none twice)."""
        if not beneficiary_ids:
            return 0
        with self.db.transaction() as session:
            return session.execute(delete(data_keys).where(
                data_keys.c.beneficiary_id.in_(beneficiary_ids),
                data_keys.c.created_at < cutoff)).rowcount

    def destroy(self, beneficiary_id: str) -> bool:
        """Delete the key for good; True if there was one."""
        with self.db.transaction() as session:
            deleted = session.execute(
                delete(data_keys).where(data_keys.c.beneficiary_id == beneficiary_id))
        return deleted.rowcount > 0

    def rotate(self, batch_size: int = 500) -> Rotation:
        """Re-wrap every key not yet under the current master key, a batch per transaction.
        Safe to interrupt and run again."""
        current = self.keyring.current_id
        with self.db.reading() as session:
            already_current = session.execute(select(func.count()).select_from(data_keys)
                                              .where(data_keys.c.master_key_id == current)
                                              ).scalar_one()
        rewrapped = 0
        while True:
            with self.db.transaction() as session:
                rows = session.execute(
                    select(data_keys.c.beneficiary_id, data_keys.c.master_key_id,
                           data_keys.c.wrapped_key)
                    .where(data_keys.c.master_key_id != current)
                    .limit(batch_size).with_for_update(skip_locked=True)).all()
                for row in rows:
                    fresh = self.keyring.rewrap(row.beneficiary_id,
                                                WrappedKey(row.master_key_id, row.wrapped_key))
                    session.execute(update(data_keys)
                                    .where(data_keys.c.beneficiary_id == row.beneficiary_id)
                                    .values(master_key_id=fresh.master_key_id,
                                            wrapped_key=fresh.blob, rewrapped_at=utcnow()))
            rewrapped += len(rows)
            if len(rows) < batch_size:
                return Rotation(rewrapped=rewrapped, already_current=already_current)
