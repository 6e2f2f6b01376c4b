"""Write src/xingguang/search_assets/opencc/t2s-characters.txt: traditional → simplified, one character each.

The search worker turns a traditional character of a query (楊, 書) into its simplified form
(杨, 书) when the traditional one begins no index term, so a grandparent's phone set to 繁體
finds 杨小玺 and 星星书画廊. The table is OpenCC's (Apache-2.0), read through its own t2s
converter one character at a time; OpenCC is not a dependency of the project, only of this
script. Reproduce the vendored file (pinned version; LICENSE and AUTHORS are copied beside it):

    uv venv /tmp/opencc && uv pip install --python /tmp/opencc/bin/python "opencc==1.4.2"
    /tmp/opencc/bin/python scripts/make-t2s-table.py
"""

from __future__ import annotations

import shutil
from importlib import metadata
from pathlib import Path

import opencc

VERSION = "1.4.2"
TARGET = Path(__file__).resolve().parent.parent / "src" / "xingguang" / "search_assets" / "opencc"
HAN_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def main() -> None:
    installed = metadata.version("opencc")
    if installed != VERSION:
        raise SystemExit(f"opencc {installed} is installed; this table is made from {VERSION}")
    convert = opencc.OpenCC("t2s").convert
    lines = []
    for low, high in HAN_BLOCKS:
        for code in range(low, high + 1):
            traditional = chr(code)
            simplified = convert(traditional)
            if len(simplified) == 1 and simplified != traditional:
                lines.append(f"{traditional}{simplified}\n")
    TARGET.mkdir(parents=True, exist_ok=True)
    (TARGET / "t2s-characters.txt").write_text("".join(lines), "utf-8")
    (TARGET / "VERSION").write_text(f"opencc {VERSION} (PyPI), t2s, single characters\n", "utf-8")
    licences = Path(metadata.distribution("opencc").locate_file(f"opencc-{VERSION}.dist-info/licenses"))
    for name in ("LICENSE", "AUTHORS"):
        shutil.copy2(licences / name, TARGET / name)
    print(f"{len(lines)} characters → {TARGET}")


if __name__ == "__main__":
    main()
