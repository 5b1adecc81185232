"""Background work of the packs (django-tasks; `pantau serve` runs the worker)."""

from __future__ import annotations

from django_tasks import task


@task()
def make_pack(pack_id: int) -> str:
    """Make a queued briefing pack (`services.run`); returns its final status."""
    from pantau.packs import services

    return services.run(pack_id)
