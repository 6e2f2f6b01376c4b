"""Chinese search: a jieba user dictionary made from the school's own data.

How Material 9.x searches Chinese, on both sides:

* Index (Python, at build time): ``material/plugins/search/plugin.py``
  ``_segment_chinese`` cuts every run of Han characters with ``jieba.cut``
  (precise mode, HMM on) and joins the pieces with U+200B, which the index's
  ``separator`` treats as a word break. Each jieba word becomes one lunr term.
* Query (the search worker, ``integrations/search/_/index.ts`` and
  ``query/segment/index.ts``): a Han run in the query is cut greedily against
  the terms already in the index, then every piece gets a trailing wildcard
  (``举行*``). So a query finds a term only by its *beginning*: a word that
  jieba swallowed into a longer word (举行 inside 隆重举行, 体会 inside
  心得体会) is never found.

So we fix the index side, through the plugin's documented ``jieba_dict_user``
option. The dictionary we generate from the data does two things:

1. It keeps our own words whole, with a high frequency: teachers' names
   (杨小玺 would be cut into pieces), the school's terms (星爸星妈, 星支部).
2. It removes (frequency 0, jieba's way to delete a word) every compound that
   jieba would produce from our texts and that splits into shorter words of at
   least two characters each: 心得体会 → 心得 · 体会. Both halves then start a
   term, so both are found. Compounds whose split leaves a single character
   (科学家 → 科学 · 家) stay whole: 科学 still finds them by prefix. Our own
   terms are split by the same rule when they are made of words (“双减政策”
   → 双减 · 政策); names never are (杨小玺 has no such split).

A limit that stays, on the query side: the worker never tests a query piece
that ends at the query's last character (``query/segment/index.ts``,
``j < query.length``), so when a query's first character alone is a term
somewhere in the index (体 is, from other text), 体会 is searched as ``体*``
and pages about 体育 rank first. Single characters are legitimate jieba
words, so the index side cannot avoid this.

Everything is computed on a private copy of jieba's pristine dictionary, so
the result depends only on the data and the jieba version, never on what an
earlier build in the same ``mkdocs serve`` process loaded.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import jieba
from mkdocs.config.defaults import MkDocsConfig

from xingguang.catalog import Catalog

USER_DICT_NAME = "jieba_user_dict.txt"
TERM_FREQUENCY = 50_000
"""High enough that jieba keeps a listed term whole rather than cutting it."""
MIN_PIECE = 2
"""A compound is split only if every piece is a word of at least this many characters."""
MAX_ROUNDS = 4
"""Splitting one compound can expose another (中华人民共和国 → 中华人民 → 中华 · 人民)."""

_HAN = re.compile(r"[\u4e00-\u9fff]{2,}")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_PRISTINE: tuple[dict[str, int], int] | None = None


def search_terms(catalog: Catalog) -> list[str]:
    """Words from the data that must stay whole when segmented: names and our own terms."""
    terms: set[str] = set()

    def add(text: str | None) -> None:
        for run in _HAN.findall(text or ""):
            if 2 <= len(run) <= 8:
                terms.add(run)

    site = catalog.site
    for text in (site.name, site.short_name, site.spirit.name, *site.spirit.words, *site.categories):
        add(text)
    for word in site.brand.split() + site.motto.split():
        add(word)
    for teacher in catalog.teachers.values():
        add(teacher.name)
        for title in teacher.titles:
            add(title)
    for corridor in catalog.corridors.values():
        add(corridor.name)
        for item in corridor.items:
            add(item.name)
    # Quoted phrases in activity and notice titles and texts are the school's own terms
    # (“星爸星妈”, “政治生日”): keep each whole.
    texts = [text for a in catalog.activities.values() for text in (a.title, a.body, a.summary)]
    texts += [text for n in catalog.notices.values() for text in (n.title, n.text)]
    for text in texts:
        for quoted in re.findall(r"[“\"「]([^”\"」]{2,8})[”\"」]", text or ""):
            add(quoted)
    return sorted(terms)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def indexed_texts(catalog: Catalog, docs_dir: Path | None) -> list[str]:
    """The texts the search index is made of: every string in the data, and the hand-written pages."""
    records: list[Any] = [catalog.site]
    for kind in (catalog.teachers, catalog.corridors, catalog.activities, catalog.honours, catalog.notices):
        records.extend(kind[key] for key in sorted(kind))
    texts = [text for record in records for text in _strings(record.model_dump(mode="json"))]
    if docs_dir is not None and docs_dir.is_dir():
        texts.extend(path.read_text("utf-8") for path in sorted(docs_dir.rglob("*.md")))
    return texts


def _tokenizer() -> jieba.Tokenizer:
    """A jieba tokenizer with the default dictionary and nothing else loaded.

    The default dictionary is read once per process (seconds) from the global
    ``jieba.dt`` before any user dictionary is loaded into it: our ``on_config``
    runs before Material's, which is where the user dictionary is loaded.
    """
    global _PRISTINE
    if _PRISTINE is None:
        logging.getLogger("jieba").setLevel(logging.WARNING)
        jieba.dt.check_initialized()
        _PRISTINE = (dict(jieba.dt.FREQ), jieba.dt.total)
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = dict(_PRISTINE[0]), _PRISTINE[1]
    tokenizer.initialized = True
    return tokenizer


def _pieces_without(tokenizer: jieba.Tokenizer, word: str) -> list[str]:
    """jieba's best cut of ``word`` if ``word`` itself were not in the dictionary."""
    dag = tokenizer.get_DAG(word)
    dag[0] = [end for end in dag[0] if end != len(word) - 1] or [0]
    route: dict[int, tuple[float, int]] = {}
    tokenizer.calc(word, dag, route)
    pieces, start = [], 0
    while start < len(word):
        end = route[start][1] + 1
        pieces.append(word[start:end])
        start = end
    return pieces


def splittable_compounds(texts: Iterable[str], keep: Iterable[str]) -> list[str]:
    """Compounds jieba would cut from ``texts`` that split into words of ``MIN_PIECE``+ characters.

    ``keep`` lists our own words, loaded first with a high frequency as the plugin
    loads them from the user dictionary; those made of words are split too.
    """
    tokenizer = _tokenizer()
    kept = set(keep)
    for term in sorted(kept):
        tokenizer.add_word(term, TERM_FREQUENCY)
    runs = sorted({run for text in texts for run in _HAN_RUN.findall(text) if len(run) > MIN_PIECE})
    compounds: set[str] = set()
    for _ in range(MAX_ROUNDS):
        found = set()
        for run in runs:
            # The same call as Material's _segment_chinese (precise mode, HMM on).
            for token in tokenizer.cut(run):
                if (len(token) > MIN_PIECE and token not in compounds
                        and all(len(piece) >= MIN_PIECE for piece in _pieces_without(tokenizer, token))):
                    found.add(token)
        if not found:
            break
        for word in sorted(found):
            tokenizer.add_word(word, 0)
        compounds |= found
    return sorted(compounds)


def user_dictionary(catalog: Catalog, docs_dir: Path | None = None) -> str:
    """The text of the jieba user dictionary: our terms whole, swallowing compounds removed."""
    terms = search_terms(catalog)
    compounds = splittable_compounds(indexed_texts(catalog, docs_dir), terms)
    terms = [term for term in terms if term not in set(compounds)]
    return ("".join(f"{term} {TERM_FREQUENCY}\n" for term in terms)
            + "".join(f"{word} 0\n" for word in compounds))


def write_user_dictionary(catalog: Catalog, cache_dir: Path, docs_dir: Path | None = None) -> Path:
    """Write the dictionary atomically and return its path."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / USER_DICT_NAME
    text = user_dictionary(catalog, docs_dir)
    if path.exists() and path.read_text("utf-8") == text:
        return path
    handle, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".jieba-", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(tmp, path)
    return path


def configure_search(config: MkDocsConfig, catalog: Catalog, cache_dir: Path) -> None:
    """Point Material's search plugin at our dictionary (our on_config runs before its own)."""
    plugins = [plugin for plugin in config.plugins.values()
               if type(plugin).__module__.startswith("material.plugins.search")]
    if not plugins:
        return
    path = write_user_dictionary(catalog, cache_dir, Path(config.docs_dir))
    for plugin in plugins:
        plugin.config.jieba_dict_user = str(path)
