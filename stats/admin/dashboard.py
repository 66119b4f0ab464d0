"""Admin: dashboard (being written)."""
