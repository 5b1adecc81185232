"""Fixtures of the engine tests; the world they build is in ground_truth.py."""

from __future__ import annotations

import os

import pytest

from pantau.engine.backends import spark_backend
from tests.engine import worklist_world
from tests.engine.ground_truth import build_computed, build_ground_truth, build_national
from tests.worlds import module_world

# The Spark tests' JVMs (the session in this process, the cluster's master, workers and
# executors, a `pantau refresh --engine spark` process) run many short jobs on little data:
# with the quick compiler alone they start and warm up sooner. The Spark comparisons 59.5 ->
# 47.1 s, the cluster test 63.7 -> 55.3 s (docs/benchmarks.md, "Test suite"). What Spark
# computes does not depend on it; installations keep the JVM's default compilers.
os.environ.setdefault("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1")


@pytest.fixture
def ground_truth(db, own_data_directory, tmp_path):
    """The reconciliation ground truth, imported and refreshed for July 2022."""
    return build_ground_truth(tmp_path)


@pytest.fixture
def computed(db, own_data_directory, tmp_path):
    """The incremental tests' lists and extract, refreshed once in full."""
    return build_computed(tmp_path)


@pytest.fixture
def national(db, own_data_directory, tmp_path):
    """The Balikpapan and Kukar lists with a national July extract, refreshed; its snapshot."""
    return build_national(tmp_path)


@pytest.fixture(scope="module")
def built_worklist_world(tmp_path_factory, django_db_setup, django_db_blocker):
    """The work list's world, built once per module (1.3 s) for tests that only read it:
    each reads it inside its own savepoint (tests/worlds.py)."""
    files = tmp_path_factory.mktemp("worklist")
    with module_world(django_db_blocker, files / "data"):
        worklist_world.build_worklist_world(files)
        yield


@pytest.fixture(scope="session")
def one_spark_session():
    """One Spark session for all the Spark tests of a run (its JVM takes 10–15 s to start),
    stopped at the end to free its memory."""
    yield
    spark_backend.stop()
