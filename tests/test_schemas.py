"""The exported JSON Schemas: current, and in agreement with the build's validation."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import CASES, REPO, make_data_dir
from xingguang.records import KINDS, SITE
from xingguang.schemas import SCHEMA_DIR_NAME, schema_texts, vscode_yaml_schemas


def as_json(value: Any) -> Any:
    """YAML data as the editor's YAML extension sees it (dates are strings there)."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def data_files(data_dir: Path):
    for kind in KINDS:
        files = [data_dir / "site.yml"] if kind is SITE else sorted((data_dir / kind.folder).glob("*.yml"))
        for path in files:
            yield kind, path


def validator(kind) -> jsonschema.Validator:
    schema = json.loads((REPO / SCHEMA_DIR_NAME / f"{kind.name}.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_committed_schemas_are_current() -> None:
    for name, text in schema_texts().items():
        committed = REPO / SCHEMA_DIR_NAME / name
        assert committed.read_text("utf-8") == text, f"{committed} is stale: run `xingguang schemas`"


def test_every_field_has_chinese_title_and_description() -> None:
    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for key, prop in node.get("properties", {}).items():
                assert prop.get("title") == key, f"{where}.{key} has no title"
                assert any("\u4e00" <= ch <= "\u9fff" for ch in prop.get("description", "")), f"{where}.{key}"
                assert prop.get("examples"), f"{where}.{key} has no example"
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for item in node:
                walk(item, where)

    for name, text in schema_texts().items():
        walk(json.loads(text), name)


@pytest.mark.parametrize("data_dir", [REPO / "site_data", None], ids=["demo", "test-base"])
def test_data_passes_json_schema(data_dir: Path | None, tmp_path: Path) -> None:
    data_dir = data_dir or make_data_dir(tmp_path)
    checked = 0
    for kind, path in data_files(data_dir):
        data = as_json(yaml.safe_load(path.read_text("utf-8")))
        if data is None:  # a draft kept commented out (the demo's emergency notice): never read as data
            continue
        errors = list(validator(kind).iter_errors(data))
        assert errors == [], f"{path}: {[e.message for e in errors]}"
        checked += 1
    assert checked >= 7


# Golden cases whose mistake is within one record (not a cross-reference or a
# file problem): the JSON Schema must reject them too, so the editor sees the
# red underline before the build does.
SCHEMA_LEVEL_CASES = ["missing_required", "wrong_type_list", "trap_time", "trap_bool_and_chinese_no",
                      "trap_octal_and_date", "bad_date", "bad_id_and_level", "unknown_field_near_miss"]


@pytest.mark.parametrize("case", SCHEMA_LEVEL_CASES)
def test_schema_rejects_what_the_build_rejects(case: str) -> None:
    overlay = CASES / "errors" / case / "site_data"
    rejected = 0
    for kind, path in data_files(overlay):
        if not path.exists():
            continue
        data = as_json(yaml.safe_load(path.read_text("utf-8")))
        if list(validator(kind).iter_errors(data)):
            rejected += 1
    assert rejected >= 1


def test_vscode_settings_wire_every_schema() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text("utf-8"))
    assert settings["yaml.schemas"] == vscode_yaml_schemas()
