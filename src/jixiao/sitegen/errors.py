"""The errors a site build reports to the editor: owns their type and a template fault's wording.

Apart from ``sitegen.build`` so that what runs a build elsewhere (the generating child process,
``sitegen.childgen``) reports the same way without importing the build.
"""

from __future__ import annotations

import jinja2


class SiteBuildError(Exception):
    """The site could not be built; the message is for the editor (Chinese)."""


def template_error(err: jinja2.TemplateError) -> str:
    """A template's fault as an editor reads it: the file and line when Jinja knows them, what is wrong, and
    that the site was left as it was."""
    place = ""
    if isinstance(err, jinja2.TemplateSyntaxError):
        name = err.filename or err.name or "模板"
        place = f"{name}:{err.lineno}："
    return f"模板错误：{place}{err.message or err}。请按 Jinja2 模板语法改正该文件后重新构建；网站没有改动。"
