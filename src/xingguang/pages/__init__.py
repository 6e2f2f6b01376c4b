"""Catalog -> the generated Markdown pages of the site.

Python prepares plain view data (``views.py``); Jinja templates under
``xingguang/templates/pages/`` turn it into Markdown whose body is an HTML
block, so that MkDocs renders it and Material's search indexes its text.
Every text from YAML is escaped by Jinja's autoescape.
"""

from xingguang.pages.render import GeneratedPage, render_problem_page, render_site_pages, section_nav

__all__ = ["GeneratedPage", "render_problem_page", "render_site_pages", "section_nav"]
