"""Admin: importing."""

VIEWSETS: list = []
