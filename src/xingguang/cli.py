"""The ``xingguang`` command: checks and chores for editors and CI."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from xingguang.catalog import Catalog
from xingguang.checking import check_site
from xingguang.photo_requests import by_record
from xingguang.problems import DataProblems
from xingguang.records import NEW_KINDS
from xingguang.scaffold import ScaffoldError, add_photos, new_corridor_item, new_record
from xingguang.schemas import SCHEMA_DIR_NAME, write_schemas


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
        checked = check_site(root, today)
    except DataProblems as problems:
        print(problems, file=sys.stderr)
        return 1
    catalog, warnings = checked.catalog, checked.warnings
    for draft in catalog.drafts:
        print(f"草稿（整份注释掉了，不发布）：{draft}", file=sys.stderr)
    for warning in warnings:
        print(f"提醒：{warning.one_line()}", file=sys.stderr)
    counts = (f"{len(catalog.teachers)} 位教师、{len(catalog.corridors)} 个长廊、{len(catalog.activities)} 次活动、"
              f"{len(catalog.honours)} 项荣誉、" + (f"{len(catalog.notices)} 条通知、" if catalog.notices else "") +
              f"{len(catalog.photo_uses)} 处照片")
    print(f"数据检查通过：{counts}。" + (f"有 {len(warnings)} 条提醒。" if warnings else ""))
    print_withheld(catalog)
    return 1 if (args.strict and warnings) else 0


def print_withheld(catalog: Catalog) -> None:
    """What will not be published, by record, so the editor sees what disappears from the next build."""
    now = [w for w in catalog.withheld if not w.scheduled]
    later = [w for w in catalog.withheld if w.scheduled]
    for title, items in ((f"下面 {len(now)} 处照片这次不会发布：", now), (f"下面 {len(later)} 处照片以后会停止发布：", later)):
        if not items:
            continue
        print(title)
        for owner, data_file, group in by_record(items):
            print(f"  {owner}（{data_file}）")
            for item in group:
                print(f"    第 {item.line} 行 {item.describe()}" if item.line else f"    {item.describe()}")


def command_schemas(args: argparse.Namespace) -> int:
    root = _project_root(Path(args.root).resolve())
    for path in write_schemas(root / SCHEMA_DIR_NAME):
        print(path.relative_to(root).as_posix())
    return 0


def command_new(args: argparse.Namespace) -> int:
    root = _project_root(Path(args.root).resolve())
    data_dir = root / "site_data"
    try:
        if args.kind == "corridor-item":
            if not args.corridor:
                raise ScaffoldError("请用 --corridor 指定长廊编号，例如：xingguang new corridor-item --corridor kexuejia-changlang")
            path = new_corridor_item(data_dir, args.corridor)
            print(f"已在 {path.relative_to(root).as_posix()} 的“展品”末尾添加一项，请打开填写。")
            return 0
        path = new_record(args.kind, data_dir, datetime.date.today(), args.id)
    except ScaffoldError as err:
        print(err, file=sys.stderr)
        return 2
    print(f"已新建 {path.relative_to(root).as_posix()}，请打开逐项填写，然后运行 xingguang check。")
    return 0


def command_add_photos(args: argparse.Namespace) -> int:
    root = _project_root(Path(args.root).resolve())
    try:
        copied = add_photos(root / "site_data", Path(args.folder).resolve(), args.activity)
    except ScaffoldError as err:
        print(err, file=sys.stderr)
        return 2
    for path in copied:
        print(f"已复制 {path.relative_to(root).as_posix()}")
    print(f"共 {len(copied)} 张。请在活动文件里给每张照片写上“替代文本”和“含学生”，然后运行 xingguang check。")
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
    kinds = [kind.name for kind in NEW_KINDS] + ["corridor-item"]
    new = sub.add_parser("new", help="新建一条记录：" + "、".join(kinds))
    new.add_argument("kind", choices=kinds)
    new.add_argument("--id", help="新记录的编号（默认自动生成）")
    new.add_argument("--corridor", help="corridor-item：加到哪个长廊（长廊编号）")
    new.set_defaults(func=command_new)
    photos = sub.add_parser("add-photos", help="把一个文件夹里的照片复制进来，并加到活动的“照片”里")
    photos.add_argument("folder", help="照片所在的文件夹（手机导出的 JPEG、HEIC 都可以）")
    photos.add_argument("--activity", required=True, help="活动编号")
    photos.set_defaults(func=command_add_photos)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
