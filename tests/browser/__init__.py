"""Real-browser tests: Debian's Chromium driven by Playwright against built sites.

A package, so that this folder's conftest and helpers do not collide with
``tests/conftest.py`` (which the tests here import as ``conftest``).
"""
