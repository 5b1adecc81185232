"""The claims pages' world: h6's claims world (two membership extracts, two claims files, see
`tests/engine/claims_world.py` for its expected numbers) refreshed for real."""

from __future__ import annotations

import pytest


@pytest.fixture
def claims_world(db, own_data_directory, tmp_path):
    from pantau.engine import claims
    from tests.engine.claims_world import build_claims_world

    build_claims_world(tmp_path)
    result = claims.refresh_claims()
    assert result["status"] == "created", result
    return result
