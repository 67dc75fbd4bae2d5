"""The one writer of content files (YAML and Markdown), used by ``jixiao import`` and ``jixiao new``."""
