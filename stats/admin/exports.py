"""Admin: exports (being written)."""
