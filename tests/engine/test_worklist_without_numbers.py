"""The work list page before any refresh: it says there are no numbers yet, and audits
nothing (no person was shown)."""

from __future__ import annotations

import pytest

from pantau.audit.models import AuditEvent

pytestmark = pytest.mark.usefixtures("own_data_directory")


def test_without_numbers_the_page_says_so(client_as, db):
    page = client_as("bpjs", "64.02").get("/cabang/64.02/").content.decode()
    assert "Belum ada angka cakupan" in page
    assert not AuditEvent.objects.exists()
