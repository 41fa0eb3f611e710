"""argon2id hashing: verify, reject, and never raise on garbage."""

from __future__ import annotations

from detente.accounts.passwords import hash_password, needs_rehash, verify_password


def test_hash_verifies_only_the_same_password() -> None:
    stored = hash_password("correct horse battery")
    assert verify_password(stored, "correct horse battery")
    assert not verify_password(stored, "correct horse batterY")


def test_same_password_hashes_differently_each_time() -> None:
    assert hash_password("correct horse battery") != hash_password("correct horse battery")


def test_garbage_hash_is_a_mismatch_not_an_error() -> None:
    assert not verify_password("not-a-hash", "anything")


def test_fresh_hash_needs_no_rehash() -> None:
    assert not needs_rehash(hash_password("correct horse battery"))
