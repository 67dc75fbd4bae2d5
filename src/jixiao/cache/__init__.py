"""``jixiao check`` that remembers: per department folder load + score results under ``.jixiao-cache/``.

Owns the cache. ``keys`` says what a result depends on (every byte of the folder, ``site.yaml``, how
paths are shown, jixiao's version and the hash of its own source files); ``records`` is the compact
result kept per folder (findings and each report's result line, never whole models); ``store`` reads
and writes entries, a corrupt or unreadable entry being a miss; ``run`` checks a content folder, loading
only what changed, the rest in parallel on every core when there is much of it.
"""
