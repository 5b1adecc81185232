import pytest

from tests.ingest.wizard import IMMEDIATE


@pytest.fixture(autouse=True)
def data_dir(own_data_directory):
    """Each test gets its own lake and reports, so snapshots never leak between tests."""
    return own_data_directory


@pytest.fixture
def kukar(client_as):
    """A test client signed in as a Kutai Kartanegara (64.02) Pemda officer."""
    return client_as("pemda", "64.02")


@pytest.fixture
def immediate_tasks(settings):
    """Imports run inside the request, as soon as they are started (no worker)."""
    settings.TASKS = IMMEDIATE
