"""星光 Xingguang: turns a school's YAML under ``site_data/`` into a static site.

Data flows one way: files -> loading -> catalog (all problems collected) ->
pages -> photos -> site. MkDocs talks to this package only through
``hooks/xingguang_hooks.py`` and :mod:`xingguang.mkdocs_build`.
"""

__version__ = "0.1.0"
