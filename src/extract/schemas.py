"""JSON Schemas of the record kinds, generated from the Pydantic models and committed in ``schemas/``."""

from __future__ import annotations

import json
from pathlib import Path

from .records import RECORD_MODELS, SCHEMA_VERSION, FactChange, ProvenanceRow, StoredFact

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"


def schema_for(kind: str) -> dict:
    """JSON Schema of one record kind (or "merged", "provenance", "changes": the lines of those
    resources), stamped with the schema version."""
    model = {"merged": StoredFact, "provenance": ProvenanceRow, "changes": FactChange}.get(kind) or RECORD_MODELS[kind]
    schema = model.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{kind}.schema.json"  # relative: resolved against where the file is read from
    schema["x-schema-version"] = SCHEMA_VERSION
    return schema


#: the Table Schema of the catalog (``catalog/*.jsonl``: one row per document of a version)
DOCUMENTS_TABLE = {
    "fields": [
        {"name": "doc_id", "type": "string", "description": "sha256 of the document text",
         "constraints": {"required": True, "pattern": "[0-9a-f]{64}"}},
        {"name": "source", "type": "string", "description": "The first of its source paths",
         "constraints": {"required": True}},
        {"name": "sources", "type": "array", "description": "Every input path that held this text"},
        {"name": "title", "type": "string"},
        {"name": "encoding", "type": "string", "description": "The encoding the file was decoded from"},
        {"name": "chars", "type": "integer", "description": "Length of the text in characters"},
        {"name": "path", "type": "string", "description": "The stored text, relative to the version folder"},
        {"name": "content_hash", "type": "string", "description": "sha256:<doc_id> (since format reportx-dataset/4)"},
        {"name": "fingerprint", "type": "string",
         "description": "The extraction fingerprint its records were made under (since format reportx-dataset/4)"},
    ],
    "primaryKey": ["doc_id"],
}


def table_schema_for(kind: str) -> dict:
    """Frictionless Table Schema of one record kind (or "merged", or "documents"), derived from the
    same model as its JSON Schema: one field per property with its type, ``required`` for required
    non-null properties, enums and patterns as constraints, fields in name order. Nested values
    (evidence, amount, investors) are ``object`` / ``array`` cells; the JSON Schema describes their
    insides."""
    if kind == "documents":
        table = json.loads(json.dumps(DOCUMENTS_TABLE))
        table["fields"].sort(key=lambda f: f["name"])
        return table
    schema = schema_for(kind)
    defs = schema.get("$defs", {})
    required = set(schema.get("required", []))
    fields = []
    for name, prop in schema.get("properties", {}).items():
        ftype, constraints, nullable = _table_type(prop, defs)
        if name in required and not nullable:
            constraints["required"] = True
        field = {"name": name, "type": ftype}
        if prop.get("description"):
            field["description"] = prop["description"]
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    # in the order of the keys in every row (JSON Lines written with sorted keys): Frictionless
    # reads a JSON Lines file's keys as its header row and matches fields to it by position
    key = ["fact_id", "doc_id", "record_id"] if kind == "provenance" else ["id"]
    return {"fields": sorted(fields, key=lambda f: f["name"]), "primaryKey": key}



def _table_type(prop: dict, defs: dict) -> tuple[str, dict, bool]:
    """(Table Schema type, constraints, nullable) of one JSON Schema property."""
    if "anyOf" in prop:
        branches = [b for b in prop["anyOf"] if b.get("type") != "null"]
        nullable = len(branches) < len(prop["anyOf"])
        if len(branches) == 1:
            ftype, constraints, _ = _table_type(branches[0], defs)
            return ftype, constraints, nullable
        return "any", {}, nullable
    if "$ref" in prop:
        return _table_type(defs[prop["$ref"].rsplit("/", 1)[-1]], defs)
    constraints: dict = {}
    if "const" in prop:
        constraints["enum"] = [prop["const"]]
    if "enum" in prop:
        constraints["enum"] = list(prop["enum"])
    if "pattern" in prop:  # Table Schema patterns are anchored already (XML Schema style)
        constraints["pattern"] = prop["pattern"].removeprefix("^").removesuffix("$")
    jtype = prop.get("type", "object" if "properties" in prop else "any")
    return {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean", "array": "array",
            "object": "object"}.get(jtype, "any"), constraints, False


def render_all() -> dict[str, str]:
    """File name -> file text for every committed schema: a JSON Schema per record kind and for
    merged facts, and the Table Schema of each resource of a version (``*.table.json``)."""
    kinds = [*RECORD_MODELS, "merged", "provenance", "changes"]
    out = {f"{kind}.schema.json": json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n" for kind in kinds}
    for kind in [*kinds, "documents"]:
        out[f"{kind}.table.json"] = json.dumps(table_schema_for(kind), ensure_ascii=False, indent=2) + "\n"
    return out


def stale(schema_dir: Path = SCHEMA_DIR) -> list[str]:
    """Schema files in ``schema_dir`` that differ from what the models generate (or are missing)."""
    out = []
    for name, text in render_all().items():
        p = schema_dir / name
        if not p.is_file() or p.read_text(encoding="utf-8") != text:
            out.append(name)
    return out


def write(schema_dir: Path = SCHEMA_DIR) -> list[Path]:
    """Regenerate the committed schema files."""
    schema_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in render_all().items():
        p = schema_dir / name
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def shape(schema: dict) -> dict:
    """What readers rely on in a schema: each property's JSON type(s), and the required names."""
    defs = schema.get("$defs", {})

    def types(prop: dict) -> list[str]:
        if "$ref" in prop:
            return [prop["$ref"].rsplit("/", 1)[-1]]
        if "anyOf" in prop:
            return sorted(t for p in prop["anyOf"] for t in types(p))
        if "const" in prop:
            return ["const:" + str(prop["const"])]
        return [str(prop.get("type", "any"))]

    out = {"properties": {k: types(v) for k, v in schema.get("properties", {}).items()},
           "required": sorted(schema.get("required", []))}
    out["defs"] = {name: {k: types(v) for k, v in d.get("properties", {}).items()} for name, d in defs.items()}
    return out


def breaking_changes(baseline: dict, current: dict) -> list[str]:
    """Changes from ``baseline`` shape to ``current`` that break readers (removed or retyped fields,
    newly required fields): they need a major schema version."""
    out = []
    for name, t in baseline["properties"].items():
        if name not in current["properties"]:
            out.append(f"property {name!r} removed")
        elif current["properties"][name] != t:
            out.append(f"property {name!r} changed type {t} -> {current['properties'][name]}")
    for name in sorted(set(current["required"]) - set(baseline["required"])):
        out.append(f"property {name!r} became required")
    for d, props in baseline.get("defs", {}).items():
        for name, t in props.items():
            if current.get("defs", {}).get(d, {}).get(name) != t:
                out.append(f"{d}.{name} removed or retyped")
    return out
