"""Verbs beyond check/build/serve: ``new``, ``diff``, ``docs`` (as mkdocs keeps its verbs in ``commands/``)."""
