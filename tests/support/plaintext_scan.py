"""Looking through every table of a database for personal data in clear."""

from __future__ import annotations

from sqlalchemy import MetaData, create_engine, select


def dump_database(url: str) -> bytes:
    """Every value of every row of every table, as bytes (text in UTF-8)."""
    engine = create_engine(url)
    chunks: list[bytes] = []
    try:
        tables = MetaData()
        tables.reflect(engine)
        with engine.connect() as connection:
            for table in tables.sorted_tables:
                for row in connection.execute(select(table)):
                    for value in row:
                        if isinstance(value, bytes | bytearray | memoryview):
                            chunks.append(bytes(value))
                        elif value is not None:
                            chunks.append(str(value).encode())
    finally:
        engine.dispose()
    return b"\n".join(chunks)


def secrets_of(registration: dict) -> list[str]:
    person = registration["person"]
    values = [person["first_name"], person["second_name"], person["mobile_phone"],
              person["mobile_phone"][1:], person["birthdate"]]
    if person.get("email"):
        values.append(person["email"])
    return values


def found_in(blob: bytes, secrets: list[str]) -> list[str]:
    lowered = blob.lower()
    return [s for s in secrets
            if s.encode().lower() in lowered or s.encode("utf-16-le").lower() in lowered]
