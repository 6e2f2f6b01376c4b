"""Markup validity: the Nu HTML checker over the built site.

A package, so that this folder's names do not collide with ``tests/conftest.py``
(imported here as ``conftest``); not named ``html``, which would shadow the standard library's.
"""
