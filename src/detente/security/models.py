"""Application-state tables of the security domain (filled in by that domain)."""
