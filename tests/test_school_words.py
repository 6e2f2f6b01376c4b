"""A generator speaks with the school's words only: another school's site says none of 城北小学's.

The demo school's own sentences (its name, brand, motto, spirit, introduction, list-page leads)
live in its site_data/site.yml and its hand-written docs/about.md. A school with its own
site.yml and about page must find none of them anywhere in its built site.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import REPO, make_data_dir, make_project, run_mkdocs_build

OTHER_SCHOOL = """\
学校名称: 育英路小学
简称: 育英小学
党建品牌: 红烛支部 暖心服务
口号: 立德树人 五育并举
学校精神:
  名称: 育英精神
  内容: [勤学, 善思]
简介: 一所在河边的小学。
活动分类: [党建, 少先队]
照片设置:
  宽度: [32, 64]
  并行数: 1
订阅源: false
栏目导语:
  活动: 育英小学的活动，一件一件记在这里。
  荣誉: 育英小学师生的荣誉。
"""
OTHER_ABOUT = "---\ntitle: 关于我们\n---\n\n# 关于我们\n\n育英路小学在河边。\n"

DEMO_PLACE_WORDS = ("城北", "西乡", "星支部", "七星", "星文化")
"""Words of the demo school that no other school's pages may carry (grep these in the code too)."""


def demo_sentences() -> set[str]:
    """Every text the demo school wrote in its site.yml, long enough to be its own words."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            found.update(part.strip() for part in re.split(r"[\n，。、；：“”]", value) if len(part.strip()) >= 6)

    site = yaml.safe_load((REPO / "site_data" / "site.yml").read_text("utf-8"))
    for key in ("学校名称", "简称", "党建品牌", "口号", "学校精神", "简介", "长廊栏目名", "栏目导语", "联系方式"):
        walk(site[key])
    return found


@pytest.fixture(scope="module")
def other_school_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("other-school") / "project"
    project.mkdir()
    data_dir = make_data_dir(project)
    (data_dir / "site.yml").write_text(OTHER_SCHOOL, "utf-8")
    make_project(project, data_dir)
    (project / "docs" / "about.md").write_text(OTHER_ABOUT, "utf-8")
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.log
    return result.site_dir


def published_texts(site_dir: Path) -> dict[str, str]:
    return {str(path.relative_to(site_dir)): path.read_text("utf-8")
            for path in sorted(site_dir.rglob("*")) if path.suffix in (".html", ".json", ".xml", ".js", ".css", ".txt")}


def test_demo_sentences_are_the_schools_data() -> None:
    """The lead lines the templates once carried are now the demo school's own data."""
    sentences = demo_sentences()
    assert "党员教师主动助力青年教师的发展" in sentences
    assert "每个角落都是孩子们放飞梦想的舞台" in sentences
    for template in (REPO / "src" / "xingguang" / "templates").rglob("*.j2"):
        text = template.read_text("utf-8")
        assert not [s for s in sentences if s in text], template
        assert not [w for w in DEMO_PLACE_WORDS if w in text], template


@pytest.mark.slow
def test_another_school_site_says_none_of_the_demo_schools_words(other_school_site: Path) -> None:
    texts = published_texts(other_school_site)
    assert texts, "nothing was built"
    sentences = demo_sentences()
    leaks = sorted({(name, s) for name, text in texts.items() for s in (*sentences, *DEMO_PLACE_WORDS) if s in text})
    assert leaks == []
    # Its own leads are where the template puts them; the sections it left out have none.
    for page, lead in (("activities/index.html", "育英小学的活动，一件一件记在这里。"), ("honours/index.html", "育英小学师生的荣誉。")):
        assert f'<p class="xg-lead">{lead}</p>' in texts[page]
    for page in ("teachers/index.html", "corridors/index.html"):
        assert 'class="xg-lead"' not in texts[page]
    # The corridors' section has the generator's plain name where the school gave none.
    assert "<h1>文化长廊</h1>" in texts["corridors/index.html"]
