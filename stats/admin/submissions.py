"""Admin: submissions (being written)."""
