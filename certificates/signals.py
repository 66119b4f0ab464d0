"""Signals this app sends. Later apps (stats) connect to them."""

from django.dispatch import Signal

# Sent once, after the transaction that issued a certificate. kwargs: certificate.
certificate_issued = Signal()
