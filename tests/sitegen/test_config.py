"""The project's mkdocs.yml keeps the promises readers rely on: no web fonts, no instant loading,
Chinese UI, directory URLs (the templates' links assume them) and the jixiao plugin."""

from __future__ import annotations

from mkdocs.config import load_config

from jixiao.sitegen.plugin import JixiaoPlugin
from tests.sitegen.conftest import CONFIG


def test_mkdocs_yml_settings() -> None:
    config = load_config(config_file=str(CONFIG))
    theme = config.theme
    assert theme.name == "material"
    assert theme["font"] is False
    assert theme["language"] == "zh"
    assert not any(f.startswith("navigation.instant") for f in theme["features"])
    assert config.use_directory_urls is True
    assert isinstance(config.plugins.get("jixiao"), JixiaoPlugin)
    assert not config.nav  # the plugin makes the short navigation
