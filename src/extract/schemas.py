"""JSON Schemas of the record kinds, generated from the Pydantic models and committed in ``schemas/``."""

from __future__ import annotations

import json
from pathlib import Path

from .records import RECORD_MODELS, SCHEMA_VERSION, MergedRecord

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"


def schema_for(kind: str) -> dict:
    """JSON Schema of one record kind (or "merged" for merged records), stamped with the schema version."""
    model = MergedRecord if kind == "merged" else RECORD_MODELS[kind]
    schema = model.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://reportx.local/schemas/{SCHEMA_VERSION}/{kind}.schema.json"
    schema["x-schema-version"] = SCHEMA_VERSION
    return schema


def render_all() -> dict[str, str]:
    """File name -> file text for every committed schema."""
    kinds = [*RECORD_MODELS, "merged"]
    return {f"{kind}.schema.json": json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n" for kind in kinds}


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
