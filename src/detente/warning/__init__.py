"""warning domain."""
