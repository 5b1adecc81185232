"""What ingest tells the floors above it, without importing them."""

from django.dispatch import Signal

# Sent by the background import task after an import created a snapshot, with `run` (the
# ImportRun). The site connects the update of the derived numbers (`pantau.site.receivers`).
data_imported = Signal()

# Sent by `importer.import_file` after a new snapshot became current (not for a dry run or an
# unchanged file), with `snapshot`. The engine writes the claims' membership lookups of a new
# claims file or extract then, so that no refresh pays for them (`pantau.engine.receivers`).
snapshot_published = Signal()
