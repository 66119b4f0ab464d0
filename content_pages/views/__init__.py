"""Views of the public site, one module per area (library, search)."""
