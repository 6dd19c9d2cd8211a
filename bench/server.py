"""The database server the benches make their databases on."""

from __future__ import annotations

from sqlalchemy import create_engine, text


def admin_statement(server_url: str, statement: str) -> None:
    """Run one statement outside a transaction (CREATE or DROP DATABASE need it)."""
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()
