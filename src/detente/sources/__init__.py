"""sources domain."""
