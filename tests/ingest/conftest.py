import pytest

from tests.ingest.wizard import IMMEDIATE


@pytest.fixture(autouse=True)
def own_data_directory(settings, tmp_path):
    """Each test gets its own lake and reports, so snapshots never leak between tests."""
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    return settings.DATA_DIR


@pytest.fixture
def data_dir(own_data_directory):
    return own_data_directory


@pytest.fixture
def kukar(client_as):
    """A test client signed in as a Kutai Kartanegara (64.02) Pemda officer."""
    return client_as("pemda", "64.02")


@pytest.fixture
def immediate_tasks(settings):
    """Imports run inside the request, as soon as they are started (no worker)."""
    settings.TASKS = IMMEDIATE
