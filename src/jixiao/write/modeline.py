"""The first line of every written content file: the JSON Schema editors' YAML extensions read.

One definition for ``jixiao import`` (``write.draft``) and ``jixiao new`` (``write.scaffold``): the
schemas live in ``schema/`` at the project root, two folders above ``content/<部门>/<年度>.yaml``.
"""

from __future__ import annotations

REPORT_MODELINE = "# yaml-language-server: $schema=../../schema/report.schema.json"
PROJECT_MODELINE = "# yaml-language-server: $schema=../../../../schema/project.schema.json"  # <部门>/<年度>/projects/
DEPARTMENT_MODELINE = "# yaml-language-server: $schema=../../schema/department.schema.json"
#: Project tables sit two folders deeper: ``content/<部门>/<年度>/projects/<项目>.yaml``.
PROJECT_MODELINE = "# yaml-language-server: $schema=../../../../schema/project.schema.json"
