"""Problems found in the editors' data, and how they are reported.

A :class:`Problem` says where (file, line, column, record, field), what is
wrong and how to fix it, all in Chinese for the editors. Errors stop the
build; warnings are logged and become fatal under ``mkdocs build --strict``.
Every problem carries a :class:`~xingguang.messages.MessageKind` so that the
editors' guide can list each kind with an example.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from xingguang.messages import MessageKind


class Severity(enum.Enum):
    ERROR = "错误"
    WARNING = "提醒"


@dataclass(frozen=True, order=True)
class Position:
    """1-based line and column in a source file."""

    line: int
    column: int


@dataclass(frozen=True)
class Problem:
    kind: "MessageKind"
    file: str  # path relative to the project root, with forward slashes
    what: str  # what is wrong, one or two sentences
    fix: str = ""  # how to fix it
    position: Position | None = None
    record: str | None = None  # the record's 编号, when known
    field_path: str | None = None  # e.g. "照片[2].替代文本"
    example: str = ""  # a corrected snippet, shown indented
    severity: Severity = Severity.ERROR
    # The whole corrected line, when the fix is to rewrite one line of the file
    # (indentation included): lets a test apply every such fix and check again.
    replacement: tuple[int, str] | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple:
        pos = self.position or Position(0, 0)
        return (self.file, pos.line, pos.column, self.kind.code, self.what)

    def location(self) -> str:
        where = self.file
        if self.position is not None:
            where += f" 第 {self.position.line} 行第 {self.position.column} 列"
        return where

    def format(self) -> str:
        """The editor-facing text of one problem, several lines."""
        lines = [f"{self.location()}  [{self.kind.code} {self.kind.title}]"]
        subject = []
        if self.record:
            subject.append(f"记录：{self.record}")
        if self.field_path:
            subject.append(f"字段：{self.field_path}")
        if subject:
            lines.append("    " + " · ".join(subject))
        lines.append(f"    问题：{self.what}")
        if self.fix:
            lines.append(f"    改法：{self.fix}")
        if self.example:
            lines.append("    示例：")
            lines.extend("        " + row for row in self.example.rstrip("\n").split("\n"))
        return "\n".join(lines)

    def one_line(self) -> str:
        """The problem as a single log line (for warnings)."""
        subject = " · ".join(
            part for part in (self.record and f"记录 {self.record}", self.field_path and f"字段 {self.field_path}") if part
        )
        text = f"{self.location()}：{subject + '：' if subject else ''}{self.what}"
        if self.fix:
            text += f" 改法：{self.fix}"
        return f"[{self.kind.code}] {text}"


@dataclass
class ProblemList:
    """All problems of one run, collected before anything is rendered."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return group_repeats(sorted((p for p in self.items if p.is_error), key=Problem.sort_key))

    @property
    def warnings(self) -> list[Problem]:
        return group_repeats(sorted((p for p in self.items if not p.is_error), key=Problem.sort_key))

    def has_errors(self) -> bool:
        return any(p.is_error for p in self.items)

    def format_errors(self) -> str:
        errors = self.errors
        head = f"网站数据里有 {len(errors)} 处错误，本次没有生成网站。请按下面的提示逐条修改后再试："
        blocks = [f"[{n}] {p.format()}" for n, p in enumerate(errors, start=1)]
        return "\n\n".join([head, *blocks])


_LIST_INDEX = re.compile(r"\[\d+\]")


def group_repeats(problems: list[Problem]) -> list[Problem]:
    """The same problem in several items of one file (forty new photos without
    替代文本) becomes one message that lists the lines, in the place of the first.
    Problems group only when their kind, field, fix and example are all the same,
    so nothing an editor needs to tell them apart is lost."""
    groups: dict[tuple, list[Problem]] = {}
    for problem in problems:
        pattern = _LIST_INDEX.sub("[…]", problem.field_path or "")
        key = (problem.file, problem.kind.code, pattern, problem.severity, problem.fix, problem.example)
        if problem.field_path and pattern != problem.field_path:
            groups.setdefault(key, []).append(problem)
        else:
            groups[(id(problem),)] = [problem]
    result = []
    for key, members in groups.items():
        first = members[0]
        if len(members) == 1:
            result.append(first)
            continue
        numbers = [str(p.position.line) for p in members if p.position]
        lines = "、".join(numbers[:12]) + ("…" if len(numbers) > 12 else "")
        what = f"{first.what}同样的问题在这个文件里共有 {len(members)} 处" + (f"（第 {lines} 行）" if lines else "") + "。"
        result.append(replace(first, what=what, field_path=key[2]))
    return result


class DataProblems(Exception):
    """Raised when the data has errors; carries every problem found."""

    def __init__(self, problems: ProblemList) -> None:
        super().__init__(problems.format_errors())
        self.problems = problems
