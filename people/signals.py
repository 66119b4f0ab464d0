"""Signals people sends.

The account-import services announce an upload and a confirmation; the
receivers in people.tasks queue the background work. So the services never
import the tasks that call them, and the two modules do not import each other.
"""

from django.dispatch import Signal

#: Sent inside the transaction that stored an upload; kwargs: account_import.
account_import_uploaded = Signal()

#: Sent inside the transaction that confirmed an import; kwargs: account_import.
account_import_confirmed = Signal()
