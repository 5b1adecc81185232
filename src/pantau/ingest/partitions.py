"""The checked rows written as the lake's province partitions by pyarrow.

What DuckDB's `COPY … PARTITION_BY (province_code)` writes, the same layout
(`province_code=XX/data_0.parquet`, the partition column not in the files, the JSON
columns typed JSON, Snappy, row groups of `ROW_GROUP_ROWS`), from the statement's Arrow
batches: DuckDB's partitioned writer first copies every row into a buffer per partition,
which cost a million-claim import's pass about 40 % more CPU time than the same rows
written to one file, and twice the peak memory (docs/benchmarks.md, "Claims import").
DuckDB still checks the rows on every core; the files are written here as batches come.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

PARTITION = "province_code"
ROW_GROUP_ROWS = 122_880  # DuckDB's, as `validation.PARQUET_OPTIONS` writes them
# Rows held back for full row groups, over every partition: past this, each partition's
# rows are written as they are. A national file has 38 provinces, so each row group holds
# about this over 38: at 4 row groups' worth they held 13,000 rows, and a scan of the
# 60-million-row extract's NIKs took 0.33 s where row groups of 50,000 take 0.22 s (the
# refresh's join and member counts read every row group; docs/benchmarks.md, "Gap rows in
# buckets"). 16 cost about 250 MB more at the peak of a national import.
MAX_PENDING_ROWS = 16 * ROW_GROUP_ROWS
# A column's dictionary stops at this many bytes, as DuckDB's stops at 1,000 values
# (`DICTIONARY_SIZE_LIMIT`): dictionaries only for the columns with few values.
DICTIONARY_PAGE_BYTES = 16_384
# Min/max statistics only for the columns readers filter or join on (the engine's NIK join,
# regions, statuses and months; a report's rows): computing them for names, KPJ numbers and
# the JSON columns was a sixth of pyarrow's write time, for no reader (docs/benchmarks.md).
STATISTICS_COLUMNS = frozenset({
    "nik", "nik_number", "source_row", "region_code", "status", "paid_until", "segment",
    "payer_type", "payer_region", "program", "event_date", "paid_on", "claim_no",
})  # fmt: skip


class _Partition:
    def __init__(self, path: Path, schema: pa.Schema) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.writer = pq.ParquetWriter(
            path,
            schema,
            compression="snappy",
            dictionary_pagesize_limit=DICTIONARY_PAGE_BYTES,
            write_statistics=[name for name in schema.names if name in STATISTICS_COLUMNS],
        )
        self.schema = schema
        self.pending: list[pa.RecordBatch] = []
        self.rows = 0

    def add(self, batch: pa.RecordBatch) -> None:
        self.pending.append(batch)
        self.rows += batch.num_rows
        if self.rows >= ROW_GROUP_ROWS:
            self.flush(whole_groups=True)

    def flush(self, whole_groups: bool = False) -> None:
        if not self.rows:
            return
        table = pa.Table.from_batches(self.pending, self.schema)
        kept = table.num_rows % ROW_GROUP_ROWS if whole_groups else 0
        self.writer.write_table(table.slice(0, table.num_rows - kept), ROW_GROUP_ROWS)
        self.pending = table.slice(table.num_rows - kept).to_batches() if kept else []
        self.rows = kept

    def close(self) -> None:
        self.flush()
        self.writer.close()


def write(con, sql: str, directory: Path, json_columns=()) -> None:
    """Write the rows of `sql` under `directory`, one partition per value of its
    `province_code` column (see the module)."""
    reader = con.sql(sql).to_arrow_reader(ROW_GROUP_ROWS)
    stored = reader.schema.remove(reader.schema.get_field_index(PARTITION))
    for name in json_columns:
        index = stored.get_field_index(name)
        stored = stored.set(index, pa.field(name, pa.json_(pa.string())))
    partitions: dict[str, _Partition] = {}
    try:
        for batch in _batches(reader):
            for value, rows in _split(batch, stored):
                part = partitions.get(value)
                if part is None:
                    path = directory / f"{PARTITION}={value}" / "data_0.parquet"
                    part = partitions[value] = _Partition(path, stored)
                part.add(rows)
            if sum(part.rows for part in partitions.values()) > MAX_PENDING_ROWS:
                for part in partitions.values():
                    part.flush()
    finally:
        for part in partitions.values():
            part.close()


def _split(batch: pa.RecordBatch, stored: pa.Schema):
    """(partition value, its rows) of a batch, the rows in the batch's order.

    The partition column dictionary-encoded, its indices sorted (stable) and the rows taken
    in that order once, then sliced: a national extract's batch holds rows of all 38
    provinces, and a filter per province read the whole batch 38 times (4.3 s of a
    10-million-row national import's 15 s; sorting the codes as text cost twice as much as
    their indices, docs/benchmarks.md, "National extracts").
    """
    rows = batch.drop_columns([PARTITION]).cast(stored)
    encoded = pc.dictionary_encode(batch.column(PARTITION), null_encoding="encode")
    values = encoded.dictionary.to_pylist()
    if len(values) == 1:
        yield values[0], rows
        return
    counts = pc.value_counts(encoded.indices)
    sizes = dict(zip(counts.field("values").to_pylist(), counts.field("counts").to_pylist(),
                     strict=True))  # fmt: skip
    rows = rows.take(pc.sort_indices(encoded.indices))
    start = 0
    for index, value in enumerate(values):
        yield value, rows.slice(start, sizes[index])
        start += sizes[index]


def _batches(reader: pa.RecordBatchReader):
    """The reader's batches; a failure of the statement (a CSV stream that turns out not
    to be one record per line, `importer._read_and_check`) raised as DuckDB raises it
    from a COPY, not as the error pyarrow makes of it."""
    while True:
        try:
            batch = reader.read_next_batch()
        except StopIteration:
            return
        except (pa.ArrowException, OSError) as error:
            raise duckdb.Error(str(error)) from error
        yield batch
