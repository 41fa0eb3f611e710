"""countries domain."""
