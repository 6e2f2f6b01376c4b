"""YAML text -> plain Python data with a source position for every value.

Editors write these files by hand, in Notepad, WPS or VS Code, so this module
guards against the usual accidents before any schema is consulted:
non-UTF-8 encodings, tabs and full-width spaces in indentation, full-width
colons, duplicate keys, anchors and aliases (and with them "billion laughs"),
unbounded size and nesting. Keys are always taken as written (``on:`` stays
"on"), values keep the raw text they came from, so later messages can say
"you wrote 12:00, YAML read 720".
"""

from __future__ import annotations

import calendar
import codecs
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from xingguang import messages
from xingguang.problems import Position, Problem

MAX_FILE_BYTES = 1_000_000
"""A record is a few KB; a megabyte is already far beyond any real one."""

MAX_DEPTH = 30
"""Our deepest schema nests 4 levels; anything deeper is an accident or an attack."""

DataPath = tuple[str | int, ...]


@dataclass
class SourceDocument:
    """One parsed data file: its data plus where each value came from."""

    path: Path
    display_path: str
    data: Any
    positions: dict[DataPath, Position] = field(default_factory=dict)
    key_positions: dict[DataPath, Position] = field(default_factory=dict)
    # Raw text and YAML tag of plain (unquoted) scalars, for explaining YAML 1.1 surprises.
    plain_scalars: dict[DataPath, tuple[str, str]] = field(default_factory=dict)
    # Unquoted values followed on their line by " #…", which YAML drops as a comment
    # (`标题: 第 #3 期` is read as "第"): path -> the dropped text, starting with "#".
    cut_comments: dict[DataPath, str] = field(default_factory=dict)
    # Flow lists (`[甲, 乙]`), whose items a full-width comma would silently merge.
    flow_lists: set[DataPath] = field(default_factory=set)
    lines: list[str] = field(default_factory=list)  # the text as parsed, for messages that quote it
    # Mistakes that were reported and worked around (tabs, full-width colons), so that
    # the rest of the file could still be checked and every problem listed at once.
    repairs: list[Problem] = field(default_factory=list)

    def position_of(self, path: DataPath) -> Position | None:
        """The closest known position for a path: the value, its key, or a parent."""
        for cut in range(len(path), -1, -1):
            sub = path[:cut]
            if sub in self.positions:
                # For a missing child, point at the parent mapping's key if we have it.
                if cut < len(path) and sub in self.key_positions:
                    return self.key_positions[sub]
                return self.positions[sub]
        return None


class LoadError(Exception):
    """A file that cannot be read as data; carries one or more editor's problems."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__(problems[0].what)
        self.problem = problems[0]
        self.problems = list(problems)


class _AliasFound(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


class _StrictComposer(yaml.SafeLoader):
    """SafeLoader that refuses aliases while composing, so they never expand."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            raise _AliasFound(self.peek_event().start_mark)
        return super().compose_node(parent, index)


def load_document(path: Path, display_path: str) -> SourceDocument:
    """Read and parse one data file; raise :class:`LoadError` with an editor's message."""

    def fail(kind: messages.MessageKind, what: str, fix: str = "", line: int | None = None, column: int = 1,
             example: str = "") -> LoadError:
        pos = Position(line, column) if line is not None else None
        return LoadError(Problem(kind, display_path, what, fix, pos, example=example))

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise fail(messages.TOO_BIG, f"文件有 {size / 1_000_000:.1f} MB，一条记录的上限是 1 MB。",
                       "检查是否误把照片或整本文档粘贴进了这个文件；一条记录通常只有几 KB。")
        raw = path.read_bytes()
    except OSError as err:
        raise fail(messages.UNREADABLE_FILE, f"无法读取这个文件（{err.strerror}）。", "确认文件存在且有读取权限。") from None

    text = decode_text(raw, fail)
    repairs, repaired = find_repairable(text, display_path)
    try:
        doc = parse_yaml(repaired, path, display_path, fail)
    except LoadError as err:
        # With typing slips already found, a parse failure is most likely their
        # consequence; report it too unless it sits on one of their lines.
        seen = {p.position.line for p in repairs if p.position}
        extra = [p for p in err.problems if not p.position or p.position.line not in seen]
        raise LoadError(*repairs, *extra) if repairs else err from None
    doc.repairs = repairs
    return doc


def decode_text(raw: bytes, fail: Any) -> str:
    """Bytes -> text. UTF-8 with or without BOM is accepted; anything else is explained."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise fail(messages.ENCODING, "文件是 UTF-16 编码（Windows 记事本里叫“Unicode”）。",
                   "用记事本打开，选“另存为”，编码选“UTF-8”，再保存。")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        hint = ""
        try:
            raw.decode("gb18030")
            hint = "看起来是 GBK/GB18030 编码（Windows 记事本里叫“ANSI”）。"
        except UnicodeDecodeError:
            pass
        raise fail(messages.ENCODING, f"文件不是 UTF-8 编码。{hint}",
                   "用记事本打开，选“另存为”，编码选“UTF-8”，再保存；VS Code 里点右下角的编码，选“通过编码保存”→“UTF-8”。",
                   line=line) from None
    if "\x00" in text:
        raise fail(messages.ENCODING, "文件里有空字符（\\0），可能是二进制文件或 UTF-16 编码。",
                   "确认这是用文本编辑器保存的 .yml 文件，编码为 UTF-8。")
    return text.replace("\r\n", "\n").replace("\r", "\n")


_INDENT = re.compile(r"^[ \t\u3000]*")
_FULLWIDTH_KEY = re.compile(r"^(- )?([^\s:：#\"'\[\]{}|>-][^:：\s]{0,15})：[ \u3000]*")
_BLOCK_SCALAR = re.compile(r":\s*[|>][-+0-9]*\s*(#.*)?$")
MAX_REPAIRS_PER_FILE = 20


def find_repairable(text: str, display_path: str) -> tuple[list[Problem], str]:
    """Typing slips YAML cannot read but whose intent is clear: tabs or full-width
    spaces in indentation, and a full-width colon after a key. Each is reported;
    the returned text has them repaired so the rest of the file can be checked."""
    problems: list[Problem] = []
    lines = text.split("\n")
    block_indent: int | None = None  # inside a `|` or `>` text block: its content is free text
    for index, line in enumerate(lines):
        number = index + 1
        indent = _INDENT.match(line).group(0)  # type: ignore[union-attr]
        fixed_indent = indent.replace("\t", "  ").replace("\u3000", "  ")
        rest = line[len(indent):]
        if block_indent is not None:
            if not rest or len(fixed_indent) > block_indent:
                continue
            block_indent = None
        found_here = len(problems)
        if indent != fixed_indent and rest:
            bad = "Tab 键" if "\t" in indent else "全角空格“　”"
            column = min(i for i in (indent.find("\t"), indent.find("\u3000")) if i >= 0) + 1
            problems.append(Problem(messages.BAD_INDENT, display_path, f"这一行的缩进里有 {bad}。YAML 只认半角空格。",
                                    "删掉行首的空白，重新用空格键缩进（每层两个空格）。", Position(number, column),
                                    example=fixed_indent + rest))
        match = _FULLWIDTH_KEY.match(rest)
        if match and not rest.lstrip("- ").startswith(("http", "mailto")):
            shown = rest.strip()
            rest = rest[: match.end(2)] + ": " + rest[match.end():]
            problems.append(Problem(messages.FULLWIDTH_COLON, display_path, f"“{shown}”里用的是中文冒号“：”。",
                                    "把字段名后面的“：”换成英文冒号加一个空格“: ”。",
                                    Position(number, len(indent) + match.end(2) + 1), example=rest.strip()))
        lines[index] = fixed_indent + rest
        # Both slips of a line share one corrected line: the one this loop parses next.
        problems[found_here:] = [replace(p, replacement=(number, lines[index])) for p in problems[found_here:]]
        if _BLOCK_SCALAR.search(rest):
            block_indent = len(fixed_indent)
        if len(problems) >= MAX_REPAIRS_PER_FILE:
            break
    return problems, "\n".join(lines)


def _fullwidth_colon_line(text: str, near_line: int) -> int | None:
    """A line near a syntax error that uses '：' where YAML needs ': '."""
    lines = text.split("\n")
    candidates = range(max(0, near_line - 3), min(len(lines), near_line + 1))
    for index in sorted(candidates, key=lambda i: abs(i - (near_line - 1))):
        line = lines[index].strip()
        if "：" in line and not re.search(r":(\s|$)", line.split("：", 1)[0]):
            return index + 1
    return None


_YAML_PROBLEMS = (
    # (part of PyYAML's message, explanation, point at where the construct started)
    ("while scanning a quoted scalar", "引号没有配对：从这里开始的引号一直没有结束。", True),
    ("while parsing a flow sequence", "方括号 [ ] 没有配对。", True),
    ("while parsing a flow mapping", "花括号 { } 没有配对。", True),
    ("mapping values are not allowed here", "这一行多了一个“: ”。值里面有冒号加空格时，要给整个值加英文引号。", False),
    ("could not find expected ':'", "这一行缺少“: ”（英文冒号加空格），或者上一行没写完。", False),
    ("did not find expected key", "缩进没有对齐：同一层的字段要从同一列开始。", False),
    ("expected <block end>", "缩进没有对齐：同一层的字段要从同一列开始。", False),
    ("did not find expected '-' indicator", "列表缩进没有对齐：同一个列表的每一项“- ”要从同一列开始。", False),
)


def _explain_yaml_error(err: yaml.MarkedYAMLError) -> tuple[str, yaml.Mark | None]:
    """PyYAML's English message -> a Chinese explanation and the most useful position."""
    text = f"{err.context or ''} {err.problem or ''}"
    for needle, explanation, at_start in _YAML_PROBLEMS:
        if needle in text:
            mark = (err.context_mark if at_start else None) or err.problem_mark or err.context_mark
            return explanation, mark
    return f"YAML 读到这里读不下去了（{err.problem or err.context}）。", err.problem_mark or err.context_mark


_KEY_LINE = re.compile(r"^(\s*)(- )?([^\s:#][^:]*?):(\s+(.*))?$")
_PHOTO_PATH_TAIL = re.compile(r"(?:^|[\\/])site_data[\\/](.+)$")


def _explain_typing_slip(err: yaml.MarkedYAMLError, text: str, display_path: str) -> Problem | None:
    """Syntax errors whose cause is a known slip, with the exact line to write instead."""
    lines = text.split("\n")
    what = f"{err.context or ''} {err.problem or ''}"
    mark = err.problem_mark
    if mark is None or mark.line >= len(lines):
        return None
    number = mark.line + 1
    line = lines[mark.line]
    if "found unknown escape character" in what:
        # Explorer's "copy as path" inside double quotes: YAML reads \ as an escape.
        start = err.context_mark.line if err.context_mark else mark.line
        number, line = start + 1, lines[start]
        found = _KEY_LINE.match(line)
        if found and found.group(5):
            value = found.group(5).strip().strip('"')
            tail = _PHOTO_PATH_TAIL.search(value)
            new_value = tail.group(1).replace("\\", "/") if tail else "'" + value + "'"
            fixed = f"{found.group(1)}{found.group(2) or ''}{found.group(3)}: {new_value}"
            return Problem(messages.YAML_SYNTAX, display_path,
                           "双引号里的反斜杠“\\”在 YAML 里是转义符号，这个值读不出来（常见于从资源管理器复制的 Windows 路径）。",
                           "照片路径从 site_data/ 里面算起，用正斜杠“/”分隔，不加引号；其他文字里要有“\\”时改用英文单引号。",
                           Position(number, 1), example=fixed.strip(), replacement=(number, fixed))
    opened = err.context_mark
    if opened is not None and opened.line < len(lines) and ("flow sequence" in what or "quoted scalar" in what):
        # A bracket or quote left open on its line: close it at the end of that line.
        start = lines[opened.line]
        closer = "]" if "flow sequence" in what else start[opened.column]
        if start.count(closer if closer != "]" else "[") > start.count(closer) or \
                (closer in "\"'" and start.count(closer) % 2 == 1):
            fixed = start.rstrip() + closer
            shown = "方括号“]”" if closer == "]" else f"引号“{closer}”"
            return Problem(messages.YAML_SYNTAX, display_path, f"这一行开了头的{shown[:-3]}没有结束：缺少后面的{shown}。",
                           f"在这一行末尾补上{shown}。", Position(opened.line + 1, opened.column + 1),
                           example=fixed.strip(), replacement=(opened.line + 1, fixed))
    if "found character '\\t' that cannot start any token" in what and "\t" in line:
        fixed = line.replace(":\t", ": ").replace("\t", " ")
        return Problem(messages.YAML_SYNTAX, display_path, "冒号后面用了 Tab 键，YAML 只认空格。",
                       "把 Tab 换成一个空格。", Position(number, mark.column + 1), example=fixed.strip(),
                       replacement=(number, fixed))
    glued = None
    if "could not find expected ':'" in what:
        # The slip is on the line YAML stopped at or the one before it.
        for candidate in (mark.line, mark.line - 1):
            if 0 <= candidate < len(lines):
                glued = re.match(r"^(\s*(?:- )?)([^\s:#\"'\[{][^:\s]{0,15}):(\S.*)$", lines[candidate])
                if glued:
                    number, line = candidate + 1, lines[candidate]
                    break
    if glued and not glued.group(3).startswith("//"):
        # `标题:清明祭扫`: without a space after the colon YAML sees one long word.
        fixed = f"{glued.group(1)}{glued.group(2)}: {glued.group(3)}"
        return Problem(messages.YAML_SYNTAX, display_path, f"“{line.strip()}”的冒号后面少了一个空格，YAML 读不出字段名和值。",
                       "在英文冒号后面加一个空格。", Position(number, len(glued.group(1) + glued.group(2)) + 1),
                       example=fixed.strip(), replacement=(number, fixed))
    pasted = _pasted_paragraph(err, lines, display_path)
    if pasted is not None:
        return pasted
    same_line = _KEY_LINE.match(line)
    if "mapping values are not allowed here" in what and same_line and same_line.group(5) \
            and not same_line.group(5).startswith(('"', "'")):
        value = same_line.group(5).strip()
        if mark.column > len(same_line.group(1) + (same_line.group(2) or "") + same_line.group(3)) + 1:
            # `标题: 活动: 喜迎二十大`: a second ": " inside the value.
            fixed = f"{same_line.group(1)}{same_line.group(2) or ''}{same_line.group(3)}: {json.dumps(value, ensure_ascii=False)}"
            return Problem(messages.YAML_SYNTAX, display_path,
                           f"“{same_line.group(3)}”的值“{value}”里有英文冒号加空格“: ”，YAML 以为这里又开始了一个字段。",
                           "给整个值加上英文双引号。", Position(number, mark.column + 1), example=fixed.strip(),
                           replacement=(number, fixed))
    if "mapping values are not allowed here" in what and mark.line > 0:
        previous = next((i for i in range(mark.line - 1, -1, -1)
                         if lines[i].strip() and not lines[i].lstrip().startswith("#")), None)
        if previous is None:
            return None
        indent = len(line) - len(line.lstrip(" "))
        previous_indent = len(lines[previous]) - len(lines[previous].lstrip(" "))
        above = _KEY_LINE.match(lines[previous])
        if indent > previous_indent and above and above.group(5) and not above.group(2):
            fixed = " " * previous_indent + line.lstrip(" ")
            extra = indent - previous_indent
            return Problem(messages.YAML_SYNTAX, display_path,
                           f"这一行比上一行多缩进了 {extra} 个空格，YAML 把它当成了上一行“{above.group(3)}”的值的接续。",
                           f"删掉行首多出的 {extra} 个空格，和上一行对齐。", Position(number, 1),
                           example=fixed, replacement=(number, fixed))
    return None


def _pasted_paragraph(err: yaml.MarkedYAMLError, lines: list[str], display_path: str) -> Problem | None:
    """`正文: 第一段` and then, at the start of a line, a second paragraph pasted from WeChat or
    Word: YAML takes the paragraph for a field name without its colon and stops at the next
    field, a line with nothing wrong. Point at the paragraph and show the field as a block."""
    if "could not find expected ':'" not in f"{err.problem or ''}" or err.context_mark is None:
        return None
    start = err.context_mark.line
    if start >= len(lines) or not lines[start].strip() or lines[start][0].isspace() or \
            re.search(r"[:：]\s", lines[start] + " ") or lines[start].lstrip().startswith(("-", "#")):
        return None
    key_line = next((i for i in range(start - 1, -1, -1) if _KEY_LINE.match(lines[i])), None)
    if key_line is None:
        return None
    key = _KEY_LINE.match(lines[key_line])
    between = lines[key_line + 1:start + 1]
    if key.group(1) or key.group(2) or not key.group(5) or key.group(5).startswith(("|", ">", '"', "'", "[", "{")) \
            or any(line[:1].isspace() and line.strip() for line in between):
        return None
    block = [f"{key.group(3)}: |", "  " + key.group(5).strip()]
    block += ["  " + line.strip() if line.strip() else "" for line in between]
    return Problem(messages.YAML_SYNTAX, display_path,
                   f"这一行像是“{key.group(3)}”的又一段文字，但它顶格写了，YAML 把它当成了字段名"
                   f"（第 {key_line + 1} 行的“{key.group(3)}”只能写一行）。",
                   f"几段文字要在“{key.group(3)}:”后面写一个竖线“|”，换行后每一段都空两格再写（段与段之间可以空一行）。",
                   Position(start + 1, 1), example="\n".join(block))


def parse_yaml(text: str, path: Path, display_path: str, fail: Any) -> SourceDocument:
    try:
        # The reader checks for control characters already when it is created.
        loader = _StrictComposer(text)
    except yaml.reader.ReaderError as err:
        raise _control_character(err, text, fail) from None
    try:
        node = loader.get_single_node()
    except _AliasFound as found:
        raise fail(messages.ALIAS, "这里用了 * 别名。", "把别名换成完整的内容，直接写出来。",
                   line=found.mark.line + 1, column=found.mark.column + 1) from None
    except yaml.MarkedYAMLError as err:
        explanation, mark = _explain_yaml_error(err)
        line = mark.line + 1 if mark else 1
        slip = _explain_typing_slip(err, text, display_path)
        if slip is not None:
            raise LoadError(slip) from None
        colon_line = _fullwidth_colon_line(text, line)
        if colon_line is not None:
            shown = text.split("\n")[colon_line - 1].strip()
            fixed = shown.replace("：", ": ", 1)
            raise fail(messages.FULLWIDTH_COLON, f"“{shown}”里用的是中文冒号“：”。",
                       "把字段名后面的“：”换成英文冒号加一个空格“: ”。", line=colon_line,
                       column=text.split("\n")[colon_line - 1].find("：") + 1, example=fixed) from None
        raise fail(messages.YAML_SYNTAX, explanation,
                   "对照上下几行检查：冒号后要有空格，引号要成对，同一层的字段要对齐。",
                   line=line, column=(mark.column + 1) if mark else 1) from None
    except yaml.reader.ReaderError as err:
        raise _control_character(err, text, fail) from None
    except yaml.YAMLError as err:
        raise fail(messages.YAML_SYNTAX, f"YAML 读不下去了（{err}）。", "对照上下几行检查格式。") from None
    except RecursionError:
        raise fail(messages.TOO_BIG, "内容嵌套得太深。", "每条记录最多只有三四层缩进，请检查括号是否配对。") from None
    finally:
        loader.dispose()

    doc = SourceDocument(path=path, display_path=display_path, data=None, lines=text.split("\n"))
    if node is None:
        doc.data = None
        return doc
    doc.data = _construct(node, (), 0, doc, loader, fail)
    return doc


def _control_character(err: yaml.reader.ReaderError, text: str, fail: Any) -> LoadError:
    """Invisible control characters (often pasted from Word or WeChat)."""
    before = text[: err.position]
    line = before.count("\n") + 1
    column = err.position - (before.rfind("\n") + 1) + 1
    fixed = text.split("\n")[line - 1].replace(chr(err.character), "")
    error = fail(messages.YAML_SYNTAX, f"这里有一个看不见的特殊字符（编码 U+{err.character:04X}），YAML 不允许。",
                 "删掉这个看不见的字符（最简单是把这一行删掉重新输入；常见于从 Word、微信里复制过来的文字）。", line=line, column=column,
                 example=fixed.strip())
    error.problems = [replace(p, replacement=(line, fixed)) for p in error.problems]
    error.problem = error.problems[0]
    return error


def _month_length(value: str) -> str:
    """"（2022 年 2 月只有 28 天）" for an impossible day, or "" when the month itself is wrong."""
    found = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if not found or not 1 <= int(found.group(2)) <= 12:
        return "（月份只能是 1 到 12）" if found else ""
    year, month = int(found.group(1)), int(found.group(2))
    days = calendar.monthrange(year, month)[1]
    return f"（{year} 年 {month} 月只有 {days} 天）"


def _position(mark: yaml.Mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _construct(node: yaml.Node, path: DataPath, depth: int, doc: SourceDocument, loader: yaml.SafeLoader,
               fail: Any) -> Any:
    if depth > MAX_DEPTH:
        raise fail(messages.TOO_BIG, f"内容嵌套超过 {MAX_DEPTH} 层。", "每条记录最多只有三四层缩进，请检查缩进和括号。",
                   line=node.start_mark.line + 1, column=node.start_mark.column + 1)
    doc.positions[path] = _position(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise fail(messages.YAML_SYNTAX, "字段名必须是一段文字。", "字段名后面直接写英文冒号和空格，例如“标题: …”。",
                           line=key_node.start_mark.line + 1, column=key_node.start_mark.column + 1)
            # Keys as written: YAML 1.1 would turn `on:`/`no:` into booleans and `010:` into 8.
            key = key_node.value.strip()
            if key in result:
                first = doc.key_positions[path + (key,)]
                raise fail(messages.DUPLICATE_KEY, f"字段“{key}”写了两次（第一次在第 {first.line} 行）。",
                           "删掉其中一个，只保留正确的那一行。",
                           line=key_node.start_mark.line + 1, column=key_node.start_mark.column + 1)
            doc.key_positions[path + (key,)] = _position(key_node.start_mark)
            result[key] = _construct(value_node, path + (key,), depth + 1, doc, loader, fail)
        return result
    if isinstance(node, yaml.SequenceNode):
        if node.flow_style:
            doc.flow_lists.add(path)
        return [_construct(child, path + (i,), depth + 1, doc, loader, fail) for i, child in enumerate(node.value)]
    try:
        value = loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError:
        raise fail(messages.YAML_TAG, f"不认识的标签“{node.tag}”。", "删掉值前面以 ! 开头的标签，只写值本身。",
                   line=node.start_mark.line + 1, column=node.start_mark.column + 1) from None
    except ValueError:
        # e.g. `2022-02-30`: YAML recognises a date and then fails to build it.
        raise fail(messages.BAD_DATE, f"“{node.value}”不是一个真实存在的日期{_month_length(node.value)}。",
                   "对照原始记录改成真实的日期。",
                   line=node.start_mark.line + 1, column=node.start_mark.column + 1) from None
    if node.style is None and not isinstance(value, str):
        doc.plain_scalars[path] = (node.value, node.tag)
    if node.style is None and node.end_mark.line < len(doc.lines):
        # One space before "#" is a slip (`标题: 第 #3 期`, `标题: #3`); a wider gap is
        # a deliberate comment (`含学生:   # 必填…` as add-photos writes it).
        comment = re.match(r" (#.*)$", doc.lines[node.end_mark.line][node.end_mark.column:])
        if comment and node.start_mark.line == node.end_mark.line:
            doc.cut_comments[path] = comment.group(1).rstrip()
    return value
