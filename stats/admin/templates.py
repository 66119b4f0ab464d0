"""Admin: templates (being written)."""
