"""Many snapshots' rows in one Parquet scan, each row tagged with its snapshot's id.

One `read_parquet` over every snapshot's files, each row's snapshot found from its file's
directory. DuckDB plans a `UNION ALL` of one `read_parquet` per snapshot once per
snapshot, which dominated a refresh of a thousand lists (docs/benchmarks.md, "Why the code
is shaped so"); one scan plans once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def quoted(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def snapshots_sql(
    snapshots: Iterable[tuple[int, str]], columns: Sequence[str], derived: Sequence[str] = ()
) -> str:
    """`SELECT <columns>, <derived>, snapshot` over the files of every (id, absolute
    directory) given; `derived` are expressions over the files' row `l` (`… AS name`).

    Empty: a relation with no rows (the columns untyped VARCHAR, `snapshot` BIGINT; no
    derived column).
    """
    snapshots = list(snapshots)
    if not snapshots:
        nulls = ", ".join(f"NULL::VARCHAR AS {column}" for column in columns)
        return f"SELECT {nulls}, NULL::BIGINT AS snapshot WHERE false"
    globs = ", ".join(quoted(f"{directory}/data/**/*.parquet") for _id, directory in snapshots)
    owners = ", ".join(f"({quoted(directory)}, {int(pk)})" for pk, directory in snapshots)
    selected = ", ".join([*(f"l.{column}" for column in columns), *derived])
    # The greedy `(.*)/data/` takes the last `/data/` of the path: the snapshot's own
    # directory, even when the data directory's path has a `/data/` of its own.
    return f"""
    SELECT {selected}, o.snapshot
    FROM read_parquet([{globs}], hive_partitioning = true,
                      hive_types = {{'province_code': VARCHAR}}, filename = true) l
    JOIN (VALUES {owners}) AS o(directory, snapshot)
      ON o.directory = regexp_extract(l.filename, '^(.*)/data/', 1)
    """
