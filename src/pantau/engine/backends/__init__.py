"""The engines that run the reconciliation SQL: DuckDB embedded (the default) and Apache Spark.

Both take the same `reconcile.Inputs` and write the same partials and gap rows
(docs/engine.md); `tests/engine/test_engines_agree.py` holds them to the same rows.
"""

from pantau.engine.backends import duckdb as duckdb_backend
from pantau.engine.backends import spark as spark_backend

BACKENDS = {"duckdb": duckdb_backend, "spark": spark_backend}
ENGINES = tuple(BACKENDS)
