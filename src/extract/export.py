"""Columnar export of a published version for analysts: one table per record kind (and one per
kind of merged facts), as Parquet or CSV (``reportx export``).

Types come from the record models' JSON Schemas, never from guessing: strings stay strings (a
``date`` of ``2020`` is the text "2020", never 2020-01-01), lists are list columns, nested objects
(evidence, amount, extractor) are struct columns. CSV has neither lists nor structs: there lists
are JSON text and structs become dotted columns (``evidence.text``, ``amount.value``). A merged
fact's table holds its fields as columns (typed like the kind's records) beside ``id``,
``sources`` (the documents reporting it) and ``conflicts`` (JSON text, empty list when none).
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

from .dataset import Dataset, join_facts
from .records import DOCUMENT_FIELDS, RECORD_MODELS
from .schemas import schema_for

FORMATS = ("parquet", "csv")


def _arrow_type(prop: dict, defs: dict) -> pa.DataType:
    """The Arrow type of one JSON Schema property (nullability is Arrow's default)."""
    if "anyOf" in prop:
        branches = [b for b in prop["anyOf"] if b.get("type") != "null"]
        return _arrow_type(branches[0], defs) if len(branches) == 1 else pa.string()
    if "$ref" in prop:
        return _arrow_type(defs[prop["$ref"].rsplit("/", 1)[-1]], defs)
    kind = prop.get("type")
    if kind == "object" and "properties" in prop:
        return pa.struct([(name, _arrow_type(p, defs)) for name, p in prop["properties"].items()])
    if kind == "array":
        return pa.list_(_arrow_type(prop.get("items", {"type": "string"}), defs))
    return {"integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}.get(kind, pa.string())


def record_schema(kind: str) -> pa.Schema:
    """Arrow schema of a kind's per-document records, in the model's field order."""
    schema = schema_for(kind)
    defs = schema.get("$defs", {})
    return pa.schema([(name, _arrow_type(p, defs)) for name, p in schema["properties"].items()])


def merged_schema(kind: str) -> pa.Schema:
    """Arrow schema of a kind's merged facts: id, the kind's fields, sources, conflicts (JSON)."""
    per_record = record_schema(kind)
    own = [f for f in per_record if f.name == "kind" or f.name not in DOCUMENT_FIELDS]
    return pa.schema([("id", pa.string()), ("schema_version", pa.string()), *own,
                      ("sources", pa.list_(pa.string())), ("conflicts", pa.string())])


def tables(ds: Dataset) -> dict[str, pa.Table]:
    """Table name -> Arrow table: ``<kind>`` (per-document records) and ``merged_<kind>``."""
    out: dict[str, pa.Table] = {}
    for kind in RECORD_MODELS:
        schema = record_schema(kind)
        records = ds.rows(kind)
        rows = [{f.name: r.get(f.name) for f in schema} for r in records]
        out[kind] = pa.Table.from_pylist(rows, schema=schema)
        mschema = merged_schema(kind)
        mrows = []
        # the facts as stored, their provenance joined back (plain rows: nothing to validate twice)
        for m in join_facts(ds.rows(f"merged_{kind}"), ds.rows(f"provenance_{kind}"), records):
            row = {f.name: m["fields"].get(f.name) for f in mschema}
            row.update(id=m["id"], schema_version=m.get("schema_version"), kind=kind,
                       sources=sorted({p["doc_id"] for p in m["provenance"]}),
                       conflicts=json.dumps(m.get("conflicts", []), ensure_ascii=False))
            mrows.append(row)
        out[f"merged_{kind}"] = pa.Table.from_pylist(mrows, schema=mschema)
    return out


def _for_csv(table: pa.Table) -> pa.Table:
    """Structs flattened to dotted columns, lists as JSON text: what a CSV cell can hold."""
    while any(pa.types.is_struct(f.type) for f in table.schema):
        table = table.flatten()
    cols, names = [], []
    for f, col in zip(table.schema, table.columns):
        if pa.types.is_list(f.type):
            col = pa.array([None if v is None else json.dumps(v, ensure_ascii=False) for v in col.to_pylist()], pa.string())
        cols.append(col)
        names.append(f.name)
    return pa.table(cols, names=names)


def export(ds: Dataset, out_dir: Path, fmt: str) -> list[Path]:
    """Write every table of ``ds`` under ``out_dir`` as ``<table>.<fmt>``; the paths written."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; formats: {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in tables(ds).items():
        path = out_dir / f"{name}.{fmt}"
        if fmt == "parquet":
            pq.write_table(table, path)
        else:
            pacsv.write_csv(_for_csv(table), path)
        written.append(path)
    return written
