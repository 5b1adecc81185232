"""Background work of the engine (django-tasks; `pantau serve` runs the worker)."""

from __future__ import annotations

from django_tasks import task


@task()
def prepare_claims_lookups() -> int:
    """The claims' membership lookup files still missing (`claims_lookup.prepare`), written
    after an import by the worker, so that neither the import nor the next refresh waits for
    them; without a worker the next refresh writes them. Returns how many were written."""
    from pantau.engine import claims_lookup

    return claims_lookup.prepare()[1]


@task()
def prepare_nik_indexes() -> int:
    """The NIK indexes of the membership extracts still missing (`nik_index.prepare`), built
    after an import by the worker; until one exists a refresh scans the extract instead.
    Returns how many were built."""
    from pantau.engine import nik_index

    return nik_index.prepare()[1]
