"""JSON Schemas of the record kinds, generated from the Pydantic models and committed in ``schemas/``."""

from __future__ import annotations

import json
from pathlib import Path

from .records import RECORD_MODELS, SCHEMA_VERSION

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"


def schema_for(kind: str) -> dict:
    """JSON Schema of one record kind, stamped with the schema version."""
    model = RECORD_MODELS[kind]
    schema = model.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://reportx.local/schemas/{SCHEMA_VERSION}/{kind}.schema.json"
    schema["x-schema-version"] = SCHEMA_VERSION
    return schema


def render_all() -> dict[str, str]:
    """File name -> file text for every committed schema."""
    return {f"{kind}.schema.json": json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n" for kind in RECORD_MODELS}


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
