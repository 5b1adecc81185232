import pytest


@pytest.fixture(autouse=True)
def own_data_directory(settings, tmp_path):
    """Each test gets its own lake and reports, so snapshots never leak between tests."""
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    return settings.DATA_DIR
