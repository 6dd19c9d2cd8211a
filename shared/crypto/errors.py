"""What goes wrong when protected data cannot be opened; messages never carry secrets."""


class ProtectionError(Exception):
    """Protected data or its keys are unusable; the text is safe to log."""


class KeyringError(ProtectionError):
    """Master keys missing or malformed, or a wrapped data key that does not open."""


class CipherError(ProtectionError):
    """Encrypted fields that do not open with the given key, beneficiary and purpose."""
