"""The claims pages' world: h6's claims world (two membership extracts, two claims files, see
`tests/engine/claims_world.py` for its expected numbers) refreshed for real."""

from __future__ import annotations

import pytest


@pytest.fixture
def claims_world(db, own_data_directory, tmp_path):
    from tests.engine.claims_world import refreshed_claims_world

    return refreshed_claims_world(tmp_path)
