"""Where the silent-slip checks must stay silent: what an editor writes on purpose."""

from __future__ import annotations

from pathlib import Path

import pytest

from xingguang.catalog import consent_covers_website
from xingguang.loading import load_document
from xingguang.validation import ValidationContext, find_slips, read_loose_date


def slips_in(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "wang-wu.yml"
    path.write_text(text, "utf-8")
    doc = load_document(path, "site_data/teachers/wang-wu.yml")
    return [p.kind.code for p in find_slips(doc, "wang-wu", ValidationContext())]


@pytest.mark.parametrize("text", [
    "简介: 见[学校简介](about.md)和[报名表](files/报名表.pdf)。\n",  # file names are not web addresses
    "简介: 见[教育局](https://www.example.gov.cn)。\n",
    "含学生:   # 必填：能认出学生写 true\n",  # a deliberate comment after an empty value
    "职务: 英语教师  # 2023 年起\n",  # a comment after two spaces is meant as one
    '职务: "第 #3 组"\n',
    "称号: [名师, 党员先锋]\n",
    "简介: |\n  第一段，第二句、第三句。\n",  # full-width commas in text are text
])
def test_what_is_meant_is_not_a_slip(tmp_path: Path, text: str) -> None:
    assert slips_in(tmp_path, text) == []


@pytest.mark.parametrize(("text", "code"), [
    ("简介: 见[教育局](www.example.gov.cn)。\n", "XG214"),
    ("职务: 英语教师 #组长\n", "XG210"),
    ("称号: [名师，党员先锋]\n", "XG211"),
    ("称号: [名师, 名师]\n", "XG212"),
    ("简介: 乱码\ufffd\n", "XG213"),
])
def test_a_slip_is_named(tmp_path: Path, text: str, code: str) -> None:
    assert slips_in(tmp_path, text) == [code]


@pytest.mark.parametrize(("purpose", "covers"), [
    ("学校网站", True), ("学校网站和校内走廊屏幕展示校园活动照片", True), ("只用于学校网站和公众号", True),
    ("仅限校内屏幕", False), ("校内走廊屏幕展示，不得用于网站", False), ("仅用于毕业纪念册", False),
])
def test_consent_purpose_decides_the_website(purpose: str, covers: bool) -> None:
    assert consent_covers_website(purpose) is covers


@pytest.mark.parametrize(("text", "date"), [
    ("2022年4月2日", "2022-04-02"), ("2022.4.2", "2022-04-02"), ("２０２２-０４-０２", "2022-04-02"),
    ("二〇二二年十二月二十三日", "2022-12-23"), ("2022-04-02 08:00", "2022-04-02"), ("4月2日", None), ("2022年2月30日", None),
])
def test_dates_in_chinese_forms(text: str, date: str | None) -> None:
    found = read_loose_date(text)
    assert (found.isoformat() if found else None) == date

