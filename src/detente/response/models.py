"""Application-state tables of the response domain (filled in by that domain)."""
