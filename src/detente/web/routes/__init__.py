"""One router module per domain."""
