"""response domain."""
