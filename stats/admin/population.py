"""Admin: population (being written)."""
