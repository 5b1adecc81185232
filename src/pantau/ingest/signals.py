"""What ingest tells the floors above it, without importing them."""

from django.dispatch import Signal

# Sent by the background import task after an import created a snapshot, with `run` (the
# ImportRun). The site connects the update of the derived numbers (`pantau.site.receivers`).
data_imported = Signal()
