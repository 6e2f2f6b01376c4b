"""The ``xingguang`` command: checks and chores for editors and CI."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from xingguang.catalog import load_catalog
from xingguang.problems import DataProblems
from xingguang.schemas import SCHEMA_DIR_NAME, write_schemas
from xingguang.site_photos import SitePhotos


def _project_root(start: Path) -> Path:
    """The folder holding site_data/: the given one or the nearest parent."""
    for folder in (start, *start.parents):
        if (folder / "site_data").is_dir():
            return folder
    raise SystemExit(f"在 {start} 及其上级文件夹里找不到 site_data/。请在网站项目的文件夹里运行。")


def command_check(args: argparse.Namespace) -> int:
    root = _project_root(Path(args.root).resolve())
    today = datetime.date.fromisoformat(args.today) if args.today else None
    try:
        catalog = load_catalog(root / "site_data", today=today)
        SitePhotos(catalog, root).plan()
    except DataProblems as problems:
        print(problems, file=sys.stderr)
        return 1
    for warning in catalog.warnings:
        print(f"提醒：{warning.one_line()}", file=sys.stderr)
    counts = (f"{len(catalog.teachers)} 位教师、{len(catalog.corridors)} 个长廊、{len(catalog.activities)} 次活动、"
              f"{len(catalog.honours)} 项荣誉、{len(catalog.photo_uses)} 处照片")
    print(f"数据检查通过：{counts}。" + (f"有 {len(catalog.warnings)} 条提醒。" if catalog.warnings else ""))
    return 1 if (args.strict and catalog.warnings) else 0


def command_schemas(args: argparse.Namespace) -> int:
    root = _project_root(Path(args.root).resolve())
    for path in write_schemas(root / SCHEMA_DIR_NAME):
        print(path.relative_to(root).as_posix())
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="xingguang", description="星光：校园文化网站的数据检查与工具")
    parser.add_argument("--root", default=".", help="网站项目的文件夹（含 site_data/），默认当前文件夹")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="检查 site_data/ 里的全部数据和照片，不生成网站")
    check.add_argument("--strict", action="store_true", help="有提醒也算失败")
    check.add_argument("--today", help="按这一天检查同意书是否过期（YYYY-MM-DD）")
    check.set_defaults(func=command_check)
    schemas = sub.add_parser("schemas", help="重新生成 schemas/ 下给编辑器用的 JSON Schema")
    schemas.set_defaults(func=command_schemas)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
