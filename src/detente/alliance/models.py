"""Application-state tables of the alliance domain (filled in by that domain)."""
