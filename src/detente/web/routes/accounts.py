"""Routes of the accounts domain."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
