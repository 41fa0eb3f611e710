"""Password hashing with argon2id (argon2-cffi's vetted defaults, RFC 9106)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from detente.errors import DataValidationError

MIN_LENGTH = 10
_HASHER = PasswordHasher()


def check_password_strength(password: str, *, source: str = "password") -> None:
    """Refuse passwords too short to resist guessing (length is what matters most, NIST 800-63B)."""
    if len(password) < MIN_LENGTH:
        raise DataValidationError(
            source, None, "password", f"must have at least {MIN_LENGTH} characters"
        )


def hash_password(password: str) -> str:
    """The argon2id hash (salt and parameters included) to store instead of the password."""
    return str(_HASHER.hash(password))


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``password_hash``; never raises on a wrong password."""
    try:
        return bool(_HASHER.verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with weaker parameters than the current ones."""
    return bool(_HASHER.check_needs_rehash(password_hash))


# A real hash to verify against when the username is unknown, so both paths take as long.
DUMMY_HASH = hash_password("not-a-password-of-anyone")
