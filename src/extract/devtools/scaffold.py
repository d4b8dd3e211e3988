"""``reportx new-extractor``: the three files of a new extractor, ready to fill in.

One module (``src/extract/extractors/<module>.py``), one fixture (``fixtures/extractors/<kind>.jsonl``)
and one test (``tests/test_extractor_<module>.py``). Existing files are never overwritten. What
cannot be written safely (a new record model, the entry point in pyproject.toml) is printed as
the next steps; docs/adding-an-extractor.md walks through all of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import regex as re

NAME_RE = re.compile(r"^(?P<kind>[a-z][a-z0-9_]*)\.(?P<flavour>[a-z][a-z0-9_]*)\.v(?P<v>\d+)$")

MODULE = '''"""{name}: TODO one line on what this extractor reads, and from which layouts.

Written from the ``reportx new-extractor`` template; see docs/adding-an-extractor.md.
"""

from __future__ import annotations

from typing import Iterable

import regex as re

from ..records import {model}, RecordBase
from ..structure import BlockType
from .base import ExtractionContext, ExtractorConfig, RuleExtractor

#: a cheap regex of this kind's vocabulary: blocks without it are never segmented
TRIGGER = re.compile(r"TODO")


class {cls}(RuleExtractor):
    """TODO: what a record of this extractor is."""

    name = "{name}"
    kind = "{kind}"
    version = "0.1.0"
    record_model = {model}

    class Config(ExtractorConfig):
        use_ner: bool = True

    def extract(self, ctx: ExtractionContext) -> Iterable[RecordBase]:
        for block in ctx.structure.of_type(BlockType.PARAGRAPH, BlockType.LIST_ITEM):
            view = block.view(ctx.text)
            for s_start, s_end in ctx.sentences(block, TRIGGER):
                sentence = view.text[s_start:s_end]
                # TODO: read the fields from ``sentence`` (entities: ctx.entities(block, "ORG"))
                fields: dict = {{}}
                if not fields:
                    continue
                start, end = view.doc_span(s_start, s_end)
                yield self.make(ctx, start, end, confidence=0.7, **fields)
'''

FIXTURE = (
    '{{"text": "TODO a real sentence from a report that states one {kind}", '
    '"expected": [{{"TODO_field": "TODO value"}}], "note": "TODO where the sentence comes from"}}\n'
    '{{"text": "TODO a real sentence that looks like a {kind} but is not one", "expected": [], '
    '"note": "TODO why it is not"}}\n'
)

TEST = '''"""{name}: the behaviour users rely on (the registry contract test also runs its fixture)."""

NAME = "{name}"


def test_reads_the_fields_of_one_sentence(run_extractor):
    text = "TODO a sentence with one {kind}"
    (rec,) = run_extractor(NAME, text)
    assert text[rec.evidence.start:rec.evidence.end] == rec.evidence.text
    # TODO: assert the fields


def test_a_near_miss_gives_nothing(run_extractor):
    assert run_extractor(NAME, "TODO a sentence that is not a {kind}") == []
'''


@dataclass
class Scaffold:
    name: str
    kind: str
    module: str
    cls: str
    files: list[Path]
    model: str
    new_kind: bool


def _camel(s: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[_\W]+", s) if part)


def plan(name: str, root: Path) -> Scaffold:
    """Check ``name`` and work out the files; ValueError says what is wrong."""
    from ..records import RECORD_MODELS

    m = NAME_RE.match(name)
    if not m:
        raise ValueError(f"extractor names look like <kind>.<flavour>.v<N> (e.g. clinical_trial.rules.v1), got {name!r}")
    kind, flavour, v = m["kind"], m["flavour"], m["v"]
    module = kind if flavour == "rules" else f"{kind}_{flavour}"
    if v != "1":
        module += f"_v{v}"
    model = RECORD_MODELS[kind].__name__ if kind in RECORD_MODELS else _camel(kind)
    files = [
        root / "src" / "extract" / "extractors" / f"{module}.py",
        root / "fixtures" / "extractors" / f"{kind}.jsonl",
        root / "tests" / f"test_extractor_{module}.py",
    ]
    return Scaffold(name, kind, module, f"{_camel(kind)}{_camel(flavour)}V{v}", files, model, kind not in RECORD_MODELS)


def write(s: Scaffold) -> list[tuple[Path, bool]]:
    """Write the files that do not exist yet; (path, written) for each."""
    texts = [
        MODULE.format(name=s.name, kind=s.kind, cls=s.cls, model=s.model),
        FIXTURE.format(kind=s.kind),
        TEST.format(name=s.name, kind=s.kind),
    ]
    out = []
    for path, text in zip(s.files, texts):
        if path.exists():
            out.append((path, False))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        out.append((path, True))
    return out


def next_steps(s: Scaffold) -> list[str]:
    steps = []
    if s.new_kind:
        steps.append(f"add the record model `class {s.model}(RecordBase)` with kind Literal[\"{s.kind}\"] and what the "
                     "kind knows (key_fields, eval_fields, entity_fields, key_entity) and register it: in "
                     "src/extract/records.py (RECORD_MODELS) for a built-in kind, or under "
                     "[project.entry-points.\"reportx.kinds\"] from another package; bump SCHEMA_VERSION (minor) "
                     "and note it in schemas/CHANGELOG.md")
        steps.append("regenerate the JSON Schemas: `reportx schemas`")
    steps.append(f'register it in pyproject.toml under [project.entry-points."reportx.extractors"]:\n'
                 f'    "{s.name}" = "extract.extractors.{s.module}:{s.cls}"\n'
                 "  then reinstall so the entry point is seen: `.venv/bin/pip install -e . --no-deps`")
    steps.append(f"fill in the fixture with real sentences and the records they state: {s.files[1]}")
    steps.append(f"write the rules until `pytest tests/test_extractor_contract.py -k {s.kind}` and {s.files[2].name} pass")
    steps.append(f"annotate gold as fixtures/gold/<report>.{s.kind}.jsonl (fixtures/GUIDELINES.md) and report "
                 "`reportx eval` for the kind")
    return steps
