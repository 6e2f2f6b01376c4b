"""Grow the demo school into N years of archive: a complete project folder to build and measure.

    .venv/bin/python benchmarks/grow_data.py DEST               # ten years
    .venv/bin/python benchmarks/grow_data.py DEST --years 3 --activities-per-year 20
    .venv/bin/python -m mkdocs build -f DEST/mkdocs.yml

The API other benchmarks and tests import (keep it stable)::

    from grow_data import grow_project   # benchmarks/ on sys.path
    project = grow_project(dest, years=10, activities_per_year=50, honours_per_year=10, seed=0)

``grow_project`` writes at ``dest`` (created; must not exist or be empty) a project that
``python -m mkdocs build -f dest/mkdocs.yml`` builds without a warning:

- ``mkdocs.yml``, ``docs/``, ``overrides/``, ``hooks/``: copies of this repository's;
- ``site_data/``: the demo data unchanged (its records keep their ids and URLs), plus for each of
  the ``years`` years ending with the demo's newest year (2022): ``activities_per_year``
  activities and ``honours_per_year`` honours, dated over the school year, spread over every
  category of ``site.yml``, with realistic Chinese titles (under the 30-character soft limit);
  two more teachers per year; one guardian consent per school year for photos of students.
  With the defaults: 10 + 500 activities, 5 + 100 honours, 8 + 20 teachers (the data set the
  issue "Ten years of a school" measured).
- the photos are the demo's own files, hard-linked into ``site_data/photos/`` (copied where a
  hard link is impossible) and shared by the grown records, so the photo stage stays cheap.

The result depends only on the arguments (a seeded ``random.Random``; no clock, no
hash-order): the same call gives byte-identical files. Records are valid against the
schemas; ``xingguang.catalog.load_catalog`` loads them with no error and no warning.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("docs", "overrides", "hooks")
NEWEST_YEAR = 2022
"""The demo's records are from the 2022 school year; grown years end there."""
TEACHERS_PER_YEAR = 2


@dataclass(frozen=True)
class Theme:
    """One kind of school event: its category, id stem, months it happens in and title patterns."""

    category: str
    stem: str
    months: tuple[int, ...]
    titles: tuple[str, ...]
    place: str


# Titles are in the voice of the school's own review (../shared/seed-article.txt): short,
# parallel phrases. {year} is filled in, so the same event reads differently each year.
THEMES: tuple[Theme, ...] = (
    Theme("党建", "zhuti-dangri", (3, 4, 5, 6, 9, 10, 11, 12), (
        "“星支部”主题党日：{topic}", "党支部书记讲党课：{topic}", "{year}年党员集中学习：{topic}"), "学校会议室"),
    Theme("党建", "zhibu-dahui", (1, 6, 12), ("{year}年度组织生活会", "支部党员大会暨民主评议党员", "党员过集体“政治生日”"),
          "学校党员活动室"),
    Theme("德育", "shijian-jiaoyu", (3, 4, 5, 10, 11), (
        "“五知五行”实践教育：{topic}", "七星少年评选：{topic}", "{year}年“星文化”德育展示"), "学校操场"),
    Theme("德育", "hongse-gushi", (4, 5, 9, 10), ("讲红色故事：{topic}", "红色经典诵读会", "“我心中的英雄”主题班会"), "学校报告厅"),
    Theme("少先队", "rudui-yishi", (5, 6, 10), ("新队员入队仪式", "“红领巾心向党”主题队日", "少先队建队日：{topic}"), "学校操场"),
    Theme("少先队", "jisao", (4,), ("缅怀革命先烈——{year}年清明祭扫", "清明节网上祭英烈"), "西乡县烈士陵园"),
    Theme("家校共育", "jiazhang-hui", (3, 9, 11), ("{year}年秋季家长会", "家长开放日：{topic}", "“星爸星妈”家庭教育讲座"),
          "各班教室"),
    Theme("家校共育", "jiafang", (1, 7, 12), ("党员教师寒假家访", "“千师访万家”暑期家访", "送教上门：{topic}"), "学生家中"),
    Theme("廉洁", "lianjie", (3, 6, 9, 12), ("廉洁文化进校园：{topic}", "签订廉洁自律承诺书", "廉洁纪律专题党课"), "学校会议室"),
    Theme("关爱", "guanai", (1, 5, 6, 9, 11, 12), (
        "慰问困难党员教师", "党员先锋岗守护课后服务", "“六一”关爱留守儿童", "关爱行动：{topic}"), "学校"),
)
TOPICS = ("学习党的二十大精神", "弘扬雷锋精神", "传承红色基因", "立德树人", "双减在行动", "安全教育",
          "垃圾分类", "节约粮食", "阅读点亮童年", "科技创新", "书香校园", "劳动最光荣", "心理健康",
          "诚信伴我行", "文明礼仪")
AWARDS = (
    ("优秀共产党员", "中共西乡县委教育工委", "县"), ("先进基层党组织", "中共西乡县委", "县"),
    ("教学能手", "汉中市教育局", "市"), ("优秀班主任", "西乡县教育体育局", "县"),
    ("“三八”红旗手", "汉中市妇女联合会", "市"), ("优秀少先队辅导员", "共青团陕西省委", "省"),
    ("师德标兵", "西乡县教育体育局", "县"), ("优质课一等奖", "陕西省教育厅", "省"),
    ("文明校园", "汉中市文明办", "市"), ("廉洁文化作品二等奖", "中共西乡县纪律检查委员会", "县"),
    ("全国青少年科技创新大赛优秀组织奖", "中国科协", "国家"), ("校级“星级教师”", "西乡县城北小学", "校"),
)
SURNAMES = (("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
            ("赵", "zhao"), ("黄", "huang"), ("周", "zhou"), ("吴", "wu"), ("徐", "xu"), ("孙", "sun"),
            ("胡", "hu"), ("朱", "zhu"), ("高", "gao"), ("林", "lin"), ("何", "he"), ("郭", "guo"))
GIVEN_NAMES = (("雪梅", "xuemei"), ("志强", "zhiqiang"), ("晓燕", "xiaoyan"), ("建华", "jianhua"),
               ("丽娟", "lijuan"), ("海涛", "haitao"), ("文静", "wenjing"), ("春雨", "chunyu"),
               ("明辉", "minghui"), ("玉兰", "yulan"), ("思远", "siyuan"), ("红霞", "hongxia"),
               ("国庆", "guoqing"), ("佳怡", "jiayi"), ("树林", "shulin"), ("秀英", "xiuying"))
SUBJECTS = ("语文", "数学", "英语", "科学", "音乐", "美术", "体育", "道德与法治", "信息科技")
ROLES = ("{subject}教师", "{subject}教师、班主任", "{subject}教研组长", "少先队辅导员、{subject}教师")


def grow_project(dest: Path, years: int = 10, activities_per_year: int = 50, honours_per_year: int = 10,
                 seed: int = 0) -> Path:
    """Write a complete, buildable project with ``years`` years of grown archive at ``dest``.

    See the module docstring for what it contains. Returns ``dest``. Raises ``ValueError`` for
    a negative count or when ``dest`` exists and is not empty (nothing is overwritten).
    """
    if years < 0 or activities_per_year < 0 or honours_per_year < 0:
        raise ValueError("years and counts must not be negative")
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise ValueError(f"{dest} exists and is not empty")
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    for part in PROJECT_PARTS:
        shutil.copytree(REPO / part, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
    data = dest / "site_data"
    shutil.copytree(REPO / "site_data", data, copy_function=_link_or_copy)
    _grow_records(data, years, activities_per_year, honours_per_year, random.Random(seed))
    return dest


def _link_or_copy(source: str, target: str) -> None:
    """Hard links make ten years of photos free; a copy where links are impossible (another disk)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _grow_records(data: Path, years: int, activities_per_year: int, honours_per_year: int,
                  rng: random.Random) -> None:
    demo_activities = [_read(p) for p in sorted((data / "activities").glob("*.yml"))]
    photo_sets = [a["照片"] for a in demo_activities if a.get("照片")]
    certificates = [h["证书照片"] for h in (_read(p) for p in sorted((data / "honours").glob("*.yml")))
                    if h.get("证书照片")]
    teacher_ids = sorted(_read(p)["编号"] for p in (data / "teachers").glob("*.yml"))
    portraits = sorted(str(p.relative_to(data).as_posix()) for p in (data / "photos" / "teachers").glob("*.jpg"))
    taken_ids = {p.stem for kind in ("activities", "honours") for p in (data / kind).glob("*.yml")}
    first_year = NEWEST_YEAR - years + 1
    new_teachers: list[str] = []
    for year in range(first_year, NEWEST_YEAR + 1):
        consent_id = f"consent-{year}-grown"
        _write(data / "consents" / f"{consent_id}.yml", {
            "编号": consent_id, "范围": f"{year}—{year + 1} 学年全体在校学生", "用途": "学校网站和校内走廊屏幕展示校园活动照片",
            "签署日期": datetime.date(year, 9, 1), "有效期至": datetime.date(2099, 7, 15), "备注": "演示数据（自动生成）。"})
        for _ in range(TEACHERS_PER_YEAR):
            teacher = _new_teacher(rng, set(teacher_ids) | set(new_teachers), portraits, len(new_teachers))
            new_teachers.append(teacher["编号"])
            _write(data / "teachers" / f"{teacher['编号']}.yml", teacher)
        staff = teacher_ids + new_teachers
        year_activities = []
        for index in range(activities_per_year):
            # Every category gets its turn before any gets a second: the list pages of each
            # category are filled evenly, as a real year's record is.
            theme = THEMES[(index + year) % len(THEMES)]
            activity = _new_activity(rng, year, theme, staff, rng.choice(photo_sets), consent_id, taken_ids)
            year_activities.append(activity)
            _write(data / "activities" / f"{activity['编号']}.yml", activity)
        for index in range(honours_per_year):
            honour = _new_honour(rng, year, staff, year_activities, certificates, taken_ids)
            _write(data / "honours" / f"{honour['编号']}.yml", honour)


def _new_teacher(rng: random.Random, taken: set[str], portraits: list[str], number: int) -> dict[str, Any]:
    while True:
        (surname, s_pinyin), (given, g_pinyin) = rng.choice(SURNAMES), rng.choice(GIVEN_NAMES)
        teacher_id = f"{s_pinyin}-{g_pinyin}"
        if teacher_id not in taken:
            break
    subject = rng.choice(SUBJECTS)
    name = surname + given
    return {
        "编号": teacher_id, "姓名": name, "职务": rng.choice(ROLES).format(subject=subject), "任教学科": [subject],
        "称号": rng.sample(["党员先锋", "教学能手", "优秀班主任", "青年教师导师", "师德标兵"], k=rng.randint(1, 2)),
        "政治面貌": rng.choice(["中共党员", "中共党员", "预备党员", "入党积极分子", "群众"]),
        "肖像": {"文件": portraits[number % len(portraits)], "替代文本": f"{name}老师的肖像插画", "含学生": False},
        "简介": f"{name}老师任教{subject}，常带学生开展“{rng.choice(TOPICS)}”活动。\n\n"
              f"在党支部“双培养”中，{name}老师{rng.choice(['主动结对帮扶青年教师', '承担课后服务', '带领学生社团'])}。",
        "排序": 200 + number,
    }


def _new_activity(rng: random.Random, year: int, theme: Theme, staff: list[str], photos: list[dict[str, Any]],
                  consent_id: str, taken: set[str]) -> dict[str, Any]:
    # A school year runs September to July: months in the autumn belong to this calendar
    # year, spring months too; dates stay inside the calendar year named by the id.
    month = rng.choice(theme.months)
    day = rng.randint(1, 28)
    date = datetime.date(year, month, day)
    topic = rng.choice(TOPICS)
    title = rng.choice(theme.titles).format(year=year, topic=topic)
    record_id = _unique(f"{year}-{month:02d}-{theme.stem}", taken)
    people = rng.sample(staff, k=min(len(staff), rng.randint(1, 5)))
    shown = [{**photo, "同意书": consent_id} if photo.get("含学生") else dict(photo)
             for photo in photos[: rng.randint(1, len(photos))]]
    return {
        "编号": record_id, "标题": title, "日期": date, "时间": f"{rng.choice([8, 9, 10, 14, 15, 16]):02d}:{rng.choice([0, 30]):02d}",
        "地点": theme.place, "分类": theme.category,
        "摘要": f"{date.month}月{date.day}日，学校开展“{topic}”主题活动。",
        "正文": f"{date.year}年{date.month}月{date.day}日，城北小学党支部围绕“{topic}”组织开展{theme.category}活动。\n\n"
              f"党员教师带头参与，{rng.choice(['师生', '家长和孩子们', '少先队员们', '全体教职工'])}积极响应，"
              f"活动取得了{rng.choice(['良好', '扎实', '显著'])}的效果。",
        "参与教师": people, "照片": shown,
    }


def _new_honour(rng: random.Random, year: int, staff: list[str], activities: list[dict[str, Any]],
                certificates: list[dict[str, Any]], taken: set[str]) -> dict[str, Any]:
    award, awarded_by, level = rng.choice(AWARDS)
    date = datetime.date(year, rng.choice([1, 5, 6, 9, 10, 12]), rng.randint(1, 28))
    honour: dict[str, Any] = {
        "编号": _unique(f"{year}-{date.month:02d}-rongyu", taken), "名称": f"{year}年度{award}", "颁发单位": awarded_by,
        "级别": level, "日期": date,
    }
    if rng.random() < 0.7:
        honour["获奖教师"] = rng.sample(staff, k=rng.randint(1, 2))
    else:
        honour["获奖团队"] = "学校党支部"
    if activities and rng.random() < 0.3:
        honour["相关活动"] = rng.choice(activities)["编号"]
    if certificates and rng.random() < 0.5:
        honour["证书照片"] = dict(rng.choice(certificates))
    return honour


def _unique(stem: str, taken: set[str]) -> str:
    record_id, number = stem, 1
    while record_id in taken:
        number += 1
        record_id = f"{stem}-{number}"
    taken.add(record_id)
    return record_id


def _read(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


class _EditorsDumper(yaml.SafeDumper):
    """YAML as an editor writes it: long texts as ``|`` blocks."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_EditorsDumper.add_representer(str, _represent_text)


def _write(path: Path, record: dict[str, Any]) -> None:
    # PyYAML quotes "14:30" (YAML 1.1 would read it as a number) and writes dates bare.
    text = yaml.dump(record, Dumper=_EditorsDumper, allow_unicode=True, sort_keys=False, width=200)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Grow the demo data into N years of archive (a buildable project).")
    parser.add_argument("dest", type=Path, help="folder to create (must not exist or be empty)")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--activities-per-year", type=int, default=50)
    parser.add_argument("--honours-per-year", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        project = grow_project(args.dest, args.years, args.activities_per_year, args.honours_per_year, args.seed)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    counts = {kind: len(list((project / "site_data" / kind).glob("*.yml")))
              for kind in ("teachers", "activities", "honours")}
    print(f"{project}: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
    print(f"build: python -m mkdocs build -f {project / 'mkdocs.yml'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
