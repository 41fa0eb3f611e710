"""Application-state tables of the warning domain (filled in by that domain)."""
