"""Several strings as one unambiguous byte string, for associated data and HMAC input."""


def frame(*parts: str) -> bytes:
    """Each part prefixed with its length.

    Plain concatenation would let ("ab", "c") and ("a", "bc") stand for each other: a blob
    bound to one beneficiary and purpose could then open as another's.
    """
    framed = bytearray()
    for part in parts:
        encoded = part.encode()
        framed += len(encoded).to_bytes(4, "big") + encoded
    return bytes(framed)
