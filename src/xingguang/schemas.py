"""JSON Schema files for editors' autocomplete, exported from the record models.

VS Code's YAML extension reads ``schemas/<kind>.schema.json`` (wired in
``.vscode/settings.json``) and shows the Chinese titles, descriptions and
examples while an editor types. The files are generated, never edited by hand:
``xingguang schemas`` rewrites them and a test fails when they are stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from xingguang.records import KINDS, RecordKind

SCHEMA_DIR_NAME = "schemas"


def schema_for(kind: RecordKind) -> dict[str, Any]:
    schema = kind.model.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = kind.label
    where = "site_data/site.yml" if not kind.folder else f"site_data/{kind.folder}/ 下的每个 .yml 文件"
    schema["description"] = f"{kind.label}：{where}"
    return schema


def schema_file_name(kind: RecordKind) -> str:
    return f"{kind.name}.schema.json"


def schema_texts() -> dict[str, str]:
    """File name -> JSON text, deterministic (sorted keys, fixed indentation)."""
    return {
        schema_file_name(kind): json.dumps(schema_for(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        for kind in KINDS
    }


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = out_dir / name
        if not path.exists() or path.read_text("utf-8") != text:
            tmp = path.with_suffix(".tmp")
            tmp.write_text(text, "utf-8")
            tmp.replace(path)
        written.append(path)
    return written


def vscode_yaml_schemas() -> dict[str, list[str]]:
    """The ``yaml.schemas`` setting: schema file -> the data files it applies to."""
    mapping = {}
    for kind in KINDS:
        globs = ["site_data/site.yml"] if not kind.folder else [f"site_data/{kind.folder}/**/*.yml",
                                                               f"site_data/{kind.folder}/**/*.yaml"]
        mapping[f"./{SCHEMA_DIR_NAME}/{schema_file_name(kind)}"] = globs
    return mapping
