"""Application-state tables of the accounts domain (filled in by that domain)."""
