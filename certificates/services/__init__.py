"""Certificates' operations: issuing, rendering, revoking and re-issuing (issuing.py)."""
