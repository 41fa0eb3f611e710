"""Routes of the home domain."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
