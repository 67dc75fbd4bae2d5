"""Existing Word (.docx) and text reports -> content/ files: readers, assembler, writers, import report.

The flow: ``textfile``/``docxfile`` -> ``document`` -> ``assemble`` (with ``structure``, ``columns``,
``indicators``, ``funds``, ``prose``) -> ``draft`` -> ``writer`` (+ ``markdown``); ``run`` does one file,
``report`` the text shown after ``jixiao import``.
"""
