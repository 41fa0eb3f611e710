"""alliance domain."""
