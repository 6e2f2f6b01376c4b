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

On the query side Material's worker never tests a query piece that ends at
the query's last character (``query/segment/index.ts``, ``j < query.length``),
so when a query's first character alone is a term somewhere in the index (体
is, from other text), 体会 was searched as ``体*`` and pages about 体育 ranked
first. Single characters are legitimate jieba words, so the index side cannot
avoid this: point 4 below changes the query side.

Everything is computed on a private copy of jieba's pristine dictionary, so
the result depends only on the data and the jieba version, never on what an
earlier build in the same ``mkdocs serve`` process loaded.

Two more things make a parent's words find the page:

3. Fields Material indexes but never displays (``keys`` and ``tails`` in each
   index entry, declared in the index's ``config.fields``; the worker indexes
   every declared field). ``keys`` holds what a page is called but does not say:
   a teacher's 老师 forms (杨老师, 小玺老师), given name, subjects as 英语老师;
   a corridor's or honour's name from each word boundary on (书画廊 for
   星星书画廊); the school's contact words on the home page. It weighs like the
   title. ``tails`` holds the ends of our own long words found in the page's
   text (护学岗 for 爱心护学岗) and weighs like the text.
4. A patched copy of Material's search worker (``search_assets/segment.js``):
   Material cuts a query at single characters that stand alone somewhere in the
   index (钱学森 → 钱* 学*); ours keeps the longest piece that begins a term,
   and reads a traditional character that begins no term as its simplified
   form (楊 → 杨; OpenCC's table, only the characters our texts use).
   The copy is made at build time from the installed worker and checked against
   the one it was written for: if Material's worker changes, the build warns and
   ships Material's own worker unchanged.
5. The same copy builds its lunr index about three times faster
   (``search_assets/builder.js``: the same index, positions found only for the
   pages a query finds) and carries lunr's Chinese support, which Material's
   worker would download when the first search starts (``search_assets/preload.js``).
   On a phone, that build is most of the wait between tapping the magnifier
   and the first results (docs/performance.md, search).
6. The same copy shows only results that match more than half of a word the
   parent typed (火星基地 used to list every page with a 火 or a 星, and the
   "nothing found" hint never showed), never Material's "缺少: 火* 星*" line
   with lunr's syntax, and snippets without the index's zero-width spaces, at
   which a line could break before a "，" (``search_assets/results.js``).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jieba
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from xingguang.catalog import Catalog
from xingguang.pages import urls

log = get_plugin_logger("xingguang")

USER_DICT_NAME = "jieba_user_dict.txt"
USER_DICT_INPUTS_NAME = "jieba_user_dict.inputs"
"""Beside the dictionary: a hash of the texts and terms it was made from."""
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


def forget_user_words() -> None:
    """jieba's global dictionary back to the default one, before Material loads the user dictionary.

    Material loads it into that global on every build, and the live preview builds again
    after every save: without this, words that left the data (a renamed teacher) would keep
    cutting the preview's text unlike a fresh build's."""
    if _PRISTINE is None:
        _tokenizer()  # remembers the default dictionary, read before any user dictionary is loaded
    assert _PRISTINE is not None
    jieba.dt.FREQ, jieba.dt.total = dict(_PRISTINE[0]), _PRISTINE[1]
    # A word loaded with frequency 0 is also kept whole out of jieba's guesses, in a set
    # that every tokenizer shares (ours in splittable_compounds too).
    jieba.finalseg.Force_Split_Words.clear()


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


_CUTS: dict[str, dict[str, list[str]]] = {}
"""For the live preview: each text run's candidate compounds, by the state of the dictionary
they were cut with (our terms and the compounds found before). After one edit only the runs
that changed are cut again; the result is the same as cutting them all."""


def splittable_compounds(texts: Iterable[str], keep: Iterable[str]) -> list[str]:
    """Compounds jieba would cut from ``texts`` that split into words of ``MIN_PIECE``+ characters.

    ``keep`` lists our own words, loaded first with a high frequency as the plugin
    loads them from the user dictionary; those made of words are split too.
    """
    kept = sorted(set(keep))
    runs = sorted({run for text in texts for run in _HAN_RUN.findall(text) if len(run) > MIN_PIECE})
    compounds: set[str] = set()
    tokenizer: jieba.Tokenizer | None = None
    state = hashlib.sha256(json.dumps(kept, ensure_ascii=False).encode())
    cuts: dict[str, dict[str, list[str]]] = {}
    for _ in range(MAX_ROUNDS):
        signature = state.hexdigest()
        known, cuts[signature] = _CUTS.get(signature, {}), {}
        found = set()
        for run in runs:
            candidates = known.get(run)
            if candidates is None:
                if tokenizer is None:
                    tokenizer = _tokenizer_with(kept, compounds)
                # The same call as Material's _segment_chinese (precise mode, HMM on).
                candidates = [token for token in tokenizer.cut(run) if len(token) > MIN_PIECE
                              and all(len(piece) >= MIN_PIECE for piece in _pieces_without(tokenizer, token))]
            cuts[signature][run] = candidates
            found.update(token for token in candidates if token not in compounds)
        if not found:
            break
        if tokenizer is not None:
            for word in sorted(found):
                tokenizer.add_word(word, 0)
        compounds |= found
        state.update(json.dumps(sorted(found), ensure_ascii=False).encode())
    _CUTS.clear()
    _CUTS.update(cuts)
    return sorted(compounds)


def _tokenizer_with(kept: list[str], compounds: set[str]) -> jieba.Tokenizer:
    """The tokenizer as splittable_compounds has it after finding ``compounds``."""
    tokenizer = _tokenizer()
    for term in kept:
        tokenizer.add_word(term, TERM_FREQUENCY)
    for word in sorted(compounds):
        tokenizer.add_word(word, 0)
    return tokenizer


def user_dictionary(catalog: Catalog, docs_dir: Path | None = None) -> str:
    """The text of the jieba user dictionary: our terms whole, swallowing compounds removed."""
    return _dictionary_text(search_terms(catalog), indexed_texts(catalog, docs_dir))


def _dictionary_text(terms: list[str], texts: list[str]) -> str:
    compounds = splittable_compounds(texts, terms)
    split = set(compounds)
    return ("".join(f"{term} {TERM_FREQUENCY}\n" for term in terms if term not in split)
            + "".join(f"{word} 0\n" for word in compounds))


def write_user_dictionary(catalog: Catalog, cache_dir: Path, docs_dir: Path | None = None) -> Path:
    """Write the dictionary atomically and return its path.

    Finding the compounds cuts every text of the site with jieba, seconds at ten years: when
    the texts and terms are those the last dictionary was made from (a rebuild of unchanged
    data), that dictionary is kept. What it was made from is written after it, so a
    dictionary whose making was cut short is never taken for a finished one."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / USER_DICT_NAME
    inputs_path = cache_dir / USER_DICT_INPUTS_NAME
    terms, texts = search_terms(catalog), indexed_texts(catalog, docs_dir)
    inputs = _dictionary_inputs(terms, texts)
    if path.is_file() and inputs_path.is_file() and inputs_path.read_text("utf-8") == inputs:
        return path
    text = _dictionary_text(terms, texts)
    if not (path.exists() and path.read_text("utf-8") == text):
        _replace_file(path, text)
    _replace_file(inputs_path, inputs)
    return path


def _dictionary_inputs(terms: list[str], texts: list[str]) -> str:
    """A hash of everything the user dictionary is made from, this module's rules included."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(f"jieba {importlib.metadata.version('jieba')}\n".encode())
    digest.update(json.dumps([terms, texts], ensure_ascii=False).encode())
    return digest.hexdigest()


def _replace_file(path: Path, text: str) -> None:
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".jieba-", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(tmp, path)


# ---------------------------------------------------------------------------
# Fields Material indexes but never displays

KEYS_FIELD = "keys"
KEYS_BOOST = 1000.0
"""As much as a title (Material's default title boost): these are the page's other names."""
TAILS_FIELD = "tails"
TAILS_BOOST = 1.0
"""As much as the text they come from."""
TAIL_MIN = 2
CUT_TAIL_MIN = 3
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "夏侯")
"""Two-character surnames (the commonest ones): 欧阳明 is 欧阳老师, not 欧老师."""
CONTACT_WORDS = ("联系方式", "联系我们", "联系电话", "电话", "地址", "邮箱")
SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；：“”‘’《》〈〉「」『』【】（）·…]+"
"""Where index terms end: Material's separator for ``lang: zh`` plus the Chinese quotes, brackets,
colon, middle dot and ellipsis, which jieba cuts out as words of their own. Without them every
“ ” and 《 》 of every page became a term the phone's search worker indexed (a fifth of the
terms of an activity page), and a query typed with them (《草房子》) kept them."""
_SEPARATOR = re.compile(SEPARATOR)
_TAG = re.compile(r"<[^>]+>")


def split_name(name: str) -> tuple[str, str]:
    """(surname, given name): 杨小玺 → 杨 · 小玺; 欧阳明 → 欧阳 · 明."""
    size = 2 if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES else 1
    return name[:size], name[size:]


def teacher_keys(name: str, subjects: Iterable[str]) -> list[str]:
    """What parents call a teacher: 杨老师, 杨小玺老师, 小玺, 小玺老师, 语文老师."""
    surname, given = split_name(name)
    keys = [name, f"{name}老师", f"{surname}老师"]
    if len(given) >= TAIL_MIN:
        keys += [given, f"{given}老师"]
    keys += [f"{subject}老师" for subject in subjects]
    return keys


def tails(word: str, cut: bool = False) -> list[str]:
    """The ends of a long word a parent may type alone, longest first.

    Names and our own terms (``cut=False``): every ending of two characters or more
    (书画廊 and 画廊 of 星星书画廊, 护学岗 of 爱心护学岗). Longer titles (``cut=True``):
    only the endings that start at one of jieba's words (教学名师 of 县级教学名师), so a
    long honour's name does not fill the index with fragments.
    """
    if cut:
        starts = sorted({start for _, start, _ in jieba.tokenize(word, mode="search")})
        # A two-character ending of a long title is a common word (学校 of 清廉学校).
        return [word[start:] for start in starts if 0 < start <= len(word) - CUT_TAIL_MIN]
    return [word[start:] for start in range(1, len(word) - TAIL_MIN + 1)]


def _han_words(text: str) -> list[str]:
    """Runs of two Han characters or more (a single character would split queries: see segment.js)."""
    return [run for run in _HAN_RUN.findall(text or "") if len(run) >= TAIL_MIN]


def page_keys(catalog: Catalog) -> dict[str, list[str]]:
    """Page URL (as in the search index) → the words of its ``keys`` field."""
    keys: dict[str, list[str]] = {}
    site = catalog.site
    home = [*CONTACT_WORDS]
    contact = site.contact
    for value in (contact.address, contact.phone, contact.email):
        if value:
            home += [value, *(tail for word in _han_words(value) for tail in tails(word, cut=True))]
    keys[""] = home
    for teacher in catalog.teachers.values():
        keys[urls.page_url("teacher", teacher.id)] = teacher_keys(teacher.name, teacher.subjects)
    for corridor in catalog.corridors.values():
        words = [corridor.name, *tails(corridor.name, cut=len(corridor.name) > 8)]
        for item in corridor.items:
            for word in _han_words(item.name):
                words += [word, *tails(word, cut=len(word) > 8)]
        keys[urls.page_url("corridor", corridor.id)] = words
    addresses = site.category_addresses()
    for category in site.categories:
        keys[urls.category_url(addresses[category])] = [category, f"{category}活动"]
    return {url: list(dict.fromkeys(words)) for url, words in keys.items()}


def section_keys(catalog: Catalog) -> dict[str, list[str]]:
    """Section id (the part of a location after ``#``) → the words of its ``keys`` field.

    An honour is a section of the honours wall (its name is a heading, ``honour-…``): its name's
    words go there, not on the wall's page entry, so a search for 教学能手 shows the honour's
    own lines (who, by whom, when) instead of a bare "荣誉"."""
    keys: dict[str, list[str]] = {}
    for honour in catalog.honours.values():
        words = [w for word in _han_words(honour.title) for w in (word, *tails(word, cut=True))]
        keys[urls.honour_anchor(honour.id)] = list(dict.fromkeys(words))
    return keys


def text_tails(entry: dict[str, Any], own_words: set[str]) -> list[str]:
    """Ends of our own long words (names, quoted terms) that the entry's text contains."""
    found: dict[str, None] = {}
    for field_name in ("title", "text"):
        for term in _SEPARATOR.split(_TAG.sub(" ", entry.get(field_name, ""))):
            if len(term) > TAIL_MIN and term in own_words:
                found.update(dict.fromkeys(tails(term)))
    return list(found)


def add_search_fields(site_dir: Path, catalog: Catalog) -> bool:
    """Write the ``keys`` and ``tails`` fields into Material's search index; False if there is none."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return False
    index = json.loads(path.read_text("utf-8"))
    keys = page_keys(catalog)
    sections = section_keys(catalog)
    # Teachers' given names are their own pages' keys, and a category's name is its list's:
    # their tails on every activity that names them would only be more words to index.
    own_words = (set(search_terms(catalog)) - {teacher.name for teacher in catalog.teachers.values()}
                 - set(catalog.site.categories))
    for entry in index["docs"]:
        location = entry["location"]
        page, _, section = location.partition("#")
        words = sections.pop(section, None) if section else keys.get(page)
        if words:
            entry[KEYS_FIELD] = " ".join(words)
        found = text_tails(entry, own_words)
        if found:
            entry[TAILS_FIELD] = " ".join(found)
    # An honour whose section is in no searched page (none is: pages/render.py, honour_search)
    # is still found by its name, on the wall.
    unplaced = list(dict.fromkeys(word for words in sections.values() for word in words))
    wall = next((entry for entry in index["docs"] if entry["location"] == urls.page_url("honour")), None)
    if unplaced and wall is not None:
        wall[KEYS_FIELD] = " ".join(filter(None, (wall.get(KEYS_FIELD, ""), *unplaced)))
    index["config"]["fields"][KEYS_FIELD] = {"boost": KEYS_BOOST}
    index["config"]["fields"][TAILS_FIELD] = {"boost": TAILS_BOOST}
    # The same compact form as Material's own file.
    _write_atomically(path, json.dumps(index, ensure_ascii=False, separators=(",", ":")))
    return True


def _write_atomically(path: Path, text: str) -> None:
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".xg-", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    # mkstemp makes the file private; a web server must be able to read it.
    os.chmod(tmp, path.stat().st_mode & 0o777)
    os.replace(tmp, path)


# ---------------------------------------------------------------------------
# The patched search worker

WORKER_FOLDER = "assets/javascripts/workers"
MATERIAL_WORKER = "search.a7633da7.min.js"
"""Material 9.8.2's search worker, the one our patch was written for."""
MATERIAL_WORKER_SHA256 = "da1b3df5e5f00cc73083c9e21ff0ec28bde85cd247057bdd05b7a167e5903bd4"
MATERIAL_SEGMENT = (
    'function fe(t,e){let r=new Set,n=new Uint16Array(t.length);for(let s=0;s<t.length;s++)'
    'for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s);let i=[0];for(let s=i.length;s>0;)'
    '{let o=i[--s];for(let u=1;u<n[o];u++)n[o+u]>n[o]-u&&(r.add(t.slice(o,o+u)),i[s++]=o+u);'
    'let a=o+n[o];n[a]&&a<t.length-1&&(i[s++]=a),r.add(t.slice(o,a))}return r.has("")?new Set([t]):r}'
)
"""Material's segment() (query/segment/index.ts) as minified in that worker."""
MATERIAL_SEARCH_CALLS = {
    # The Search class's search(query): ours wraps it, to show its answer as results.js says.
    "search(e){if(e=e.replace(":
        "search(e){return xgShown(this.xgMaterialSearch(e))}xgMaterialSearch(e){xgMeaningful.query=e;"
        "if(e=e.replace(",
    # Inside it, lunr's results before Material turns them into items: only the meaningful ones.
    "n=this.index.search(e).reduce(": "n=xgMeaningful(this.index.search(e),this.index.invertedIndex).reduce(",
}
"""Places in that worker where results.js is called (each must occur exactly once)."""
SEARCH_ASSETS = Path(__file__).with_name("search_assets")
SEGMENT_JS = SEARCH_ASSETS / "segment.js"
RESULTS_JS = SEARCH_ASSETS / "results.js"
"""Which results a parent sees, and without the index's zero-width spaces."""
BUILDER_JS = SEARCH_ASSETS / "builder.js"
"""A faster build of the same lunr index, appended to the worker (it replaces lunr's Builder.add)."""
PRELOAD_JS = SEARCH_ASSETS / "preload.js"
LUNR_FOLDER = "assets/javascripts/lunr/min"
SEGMENTER_LANGUAGES = ("ja", "hi", "th")
"""Languages for which Material's worker also imports a word segmenter (tinyseg.js, wordcut.js: up to 660 KB)."""
T2S_CHARACTERS = SEARCH_ASSETS / "opencc" / "t2s-characters.txt"
"""OpenCC's traditional → simplified table, one character each (scripts/make-t2s-table.py)."""


@dataclass(frozen=True)
class SearchWorker:
    """Our copy of Material's worker: where Material's is, where ours goes, and its text."""

    material: str
    patched: str
    content: str


def material_worker(config: MkDocsConfig) -> Path | None:
    for folder in config.theme.dirs:
        path = Path(folder) / WORKER_FOLDER / MATERIAL_WORKER
        if path.is_file():
            return path
    return None


def traditional_table(texts: Iterable[str]) -> str:
    """Pairs (楊杨書书…) of OpenCC's table whose simplified character occurs in ``texts``.

    Only those can ever find anything: a few hundred of its 4,221 pairs, a few KB in the worker."""
    used = {char for text in texts for run in _HAN_RUN.findall(text) for char in run}
    pairs = [line for line in T2S_CHARACTERS.read_text("utf-8").splitlines() if len(line) == 2 and line[1] in used]
    return "".join(pairs)


def language_support(config: MkDocsConfig, languages: Sequence[str] | None) -> list[tuple[str, str]]:
    """(file name, text) of the lunr scripts Material's worker imports for ``languages`` when the
    first search starts, in its order (worker/main/index.ts, setupSearchLanguages); none for
    English alone, for a language that needs a segmenter, or when a file is not found."""
    languages = list(languages or [])
    if not languages or languages == ["en"] or set(languages) & set(SEGMENTER_LANGUAGES):
        return []
    names = ["lunr.stemmer.support.min.js", *(f"lunr.{lang}.min.js" for lang in languages if lang != "en")]
    if len(languages) > 1:
        names.append("lunr.multi.min.js")
    scripts = []
    for name in names:
        found = [Path(folder) / LUNR_FOLDER / name for folder in config.theme.dirs]
        path = next((path for path in found if path.is_file()), None)
        if path is None:
            return []
        scripts.append((name, path.read_text("utf-8")))
    return scripts


def patch_worker(original: str, traditional: str = "", fast_build: bool = True,
                 preloaded: Sequence[tuple[str, str]] = ()) -> str | None:
    """Material's worker with our segment() and table, results.js around its search(), (``fast_build``)
    our index builder and
    (``preloaded``) lunr's language support; None if the worker is not the one we know."""
    if hashlib.sha256(original.encode("utf-8")).hexdigest() != MATERIAL_WORKER_SHA256:
        return None
    if any(original.count(place) != 1 for place in (MATERIAL_SEGMENT, *MATERIAL_SEARCH_CALLS)):
        return None
    ours = (SEGMENT_JS.read_text("utf-8") + f"xgSegment.traditional = {json.dumps(traditional)};\n"
            + RESULTS_JS.read_text("utf-8"))
    patched = original.replace(MATERIAL_SEGMENT, "function fe(t,e){return xgSegment(t,e)}")
    for place, call in MATERIAL_SEARCH_CALLS.items():
        patched = patched.replace(place, call)
    patched = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", patched)
    # After Material's code, which puts lunr on self before anything is built.
    patched += BUILDER_JS.read_text("utf-8") if fast_build else ""
    if preloaded:
        patched += "".join(f"\n{text.strip()}\n;" for _, text in preloaded)
        patched += f"\nvar xgPreloaded = {json.dumps([name for name, _ in preloaded])};\n" + PRELOAD_JS.read_text("utf-8")
    return ours + patched


def plan_worker(config: MkDocsConfig, texts: Iterable[str], languages: Sequence[str] | None = None
                ) -> SearchWorker | None:
    """Our worker, named by its content; None (with a warning) when Material's has changed."""
    path = material_worker(config)
    patched = (patch_worker(path.read_text("utf-8"), traditional_table(texts),
                            preloaded=language_support(config, languages)) if path else None)
    if patched is None:
        log.warning(
            f"Material 的搜索程序（{WORKER_FOLDER}/{MATERIAL_WORKER}）和星光修改时的版本不同（升级了 mkdocs-material？）："
            "这次使用 Material 原来的搜索程序，以单字开头的中文搜索会变差。"
            "请按 src/xingguang/search.py 的说明更新 MATERIAL_SEGMENT 和 MATERIAL_WORKER_SHA256。")
        return None
    digest = hashlib.sha256(patched.encode("utf-8")).hexdigest()[:8]
    return SearchWorker(f"{WORKER_FOLDER}/{MATERIAL_WORKER}", f"{WORKER_FOLDER}/xg-search.{digest}.min.js", patched)


EMPTY_RESULT_LINKS = (("teacher", "榜样教师"), ("activity", "活动纪实"))
"""The sections a parent who found nothing is pointed to: people and events are what they look for."""


def add_worker_file(files: Files, config: MkDocsConfig, worker: SearchWorker) -> None:
    files.append(File.generated(config, worker.patched, content=worker.content))


def configure_search(config: MkDocsConfig, catalog: Catalog, cache_dir: Path) -> SearchWorker | None:
    """Point Material's search plugin at our dictionary (our on_config runs before its own)
    and the theme at our worker; None when Material's search is not in use."""
    plugins = [plugin for plugin in config.plugins.values()
               if type(plugin).__module__.startswith("material.plugins.search")]
    if not plugins or not any(plugin.config.enabled for plugin in plugins):
        return None
    path = write_user_dictionary(catalog, cache_dir, Path(config.docs_dir))
    for plugin in plugins:
        plugin.config.jieba_dict_user = str(path)
        # Material fills in its own only when none is set; a school's own setting is kept.
        if not plugin.config.separator:
            plugin.config.separator = SEPARATOR
    # Material sets a language from the theme's later, in its own on_config, when the site sets none.
    worker = plan_worker(config, indexed_texts(catalog, Path(config.docs_dir)), plugins[0].config.lang)
    config.extra["xingguang_search"] = {
        # overrides/main.html swaps Material's worker for ours in the page's configuration.
        "worker": {"material": worker.material, "patched": worker.patched} if worker else None,
        # overrides/partials/search.html: where to look when nothing is found.
        "empty_links": [{"title": title, "url": urls.page_url(kind)} for kind, title in EMPTY_RESULT_LINKS],
    }
    return worker
