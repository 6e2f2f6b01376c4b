"""Material's page markup made valid HTML (the Nu HTML checker finds no error in a built page).

Four things Material 9.x's templates write are not valid (or not accessible) HTML, in parts of its templates
that no block lets us override (base.html's body, nav-item.html, toc.html): copying those
templates would mean keeping copies of them in step with every Material release, so the
finished page is corrected instead, by exact patterns. If Material changes the markup the
patterns stop matching and tests/validity/test_valid_html.py names what is left.
"""

from __future__ import annotations

import re

# base.html: autocomplete="off" on the drawer and search toggles (checkboxes), which
# only text-like inputs may carry. Material writes it so that Firefox does not restore a
# toggle as checked on reload; xg-bootstrap.js unchecks the two toggles instead.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*? type="checkbox"[^>]*?) autocomplete="off"')

# nav-item.html: tabindex="" on the label of a section (meaning "not focusable", which
# the empty value only means by being invalid and ignored): dropped, same behaviour.
_EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link[^"]*"[^>]*?) tabindex=""')

# toc.html: the table of contents' title is a <label for="__toc"> (it closes the toc on
# a phone), but nav-item.html writes the __toc checkbox only beside a page's own nav
# link; a section's index page (navigation.indexes) has none, and a label must point at
# a control. There it becomes a plain title, as it looks on a wide screen.
_TOC_TITLE = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.DOTALL)

# nav-item.html: a section's <nav> is labelled by its toggle's label (aria-labelledby=
# "__nav_2_label"), which names nothing when the section has an index page
# (navigation.indexes): with one page the label is missing (the reference is dangling), with
# more it holds only the arrow icon (an empty name, and two sections with the same empty
# name: axe landmark-unique). The <nav>'s own title holds the section's name in every case:
# it takes an id and the <nav> points at it.
_NAV_TITLE = re.compile(r'(<nav class="md-nav" data-md-level="\d+" aria-labelledby=")(__nav_[0-9_]+)_label'
                        r'("[^>]*>\s*<label class="md-nav__title" for="\2")>')


def make_valid(html: str) -> str:
    """``html`` (a page Material rendered) with its known invalid markup corrected."""
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
    html = _EMPTY_TABINDEX.sub(r"\1", html)
    html = _NAV_TITLE.sub(r'\1\2_title\3 id="\2_title">', html)
    if 'id="__toc"' not in html:
        html = _TOC_TITLE.sub(r'<div class="md-nav__title">\1</div>', html)
    return html
