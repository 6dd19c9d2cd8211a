"""Reports read from the clear, anonymous columns of ``beneficiaries`` only: no sealed
section is read and nothing is decrypted, so the roles that see them need no access
to anyone's personal data."""
