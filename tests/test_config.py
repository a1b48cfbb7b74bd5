import pathlib

import msgspec
import pytest
import yaml

from srccompare.core.config import Config, load_config
from srccompare.core.errors import UserError

REPO = pathlib.Path(__file__).resolve().parents[1]


def test_documented_config_equals_builtin_defaults():
    documented = yaml.safe_load((REPO / "config.yaml").read_text(encoding="utf-8"))
    assert msgspec.convert(documented, Config) == Config()
    assert documented == msgspec.to_builtins(Config())


def test_explicit_file_overrides_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("SRCCOMPARE_NO_USER_CONFIG", "1")
    f = tmp_path / "c.yaml"
    f.write_text("align:\n  match_threshold: 0.5\n")
    config = load_config(f)
    assert config.align.match_threshold == 0.5
    assert config.align.max_group == Config().align.max_group


def test_user_file_is_overridden_by_explicit(tmp_path, monkeypatch):
    user = tmp_path / "user.yaml"
    user.write_text("align:\n  max_group: 2\n  match_threshold: 0.4\n")
    monkeypatch.delenv("SRCCOMPARE_NO_USER_CONFIG", raising=False)
    monkeypatch.setenv("SRCCOMPARE_CONFIG", str(user))
    explicit = tmp_path / "c.yaml"
    explicit.write_text("align:\n  match_threshold: 0.6\n")
    config = load_config(explicit)
    assert config.align.max_group == 2
    assert config.align.match_threshold == 0.6


@pytest.mark.parametrize(
    "content, words",
    [
        ("align:\n  nonsense: 1\n", ["unknown setting", "align.nonsense"]),
        ("align:\n  match_threshold: high\n", ["align.match_threshold", "float"]),
        ("align: [1, 2\n", ["not valid YAML"]),
        ("- a\n- b\n", ["mapping"]),
        ("boilerplate:\n  patterns: ['(']\n", ["boilerplate.patterns[0]", "regular expression"]),
        ("scan:\n  tier2_max_df: -1\n", ["scan.tier2_max_df", "0 (no cap) or more"]),
        ("scan:\n  tier2_max_df_share: 0\n", ["scan.tier2_max_df_share", "above 0"]),
        ("scan:\n  tier2_max_df_share: 1.5\n", ["scan.tier2_max_df_share", "at most 1"]),
    ],
)
def test_broken_config_is_reported_by_name(tmp_path, monkeypatch, content, words):
    monkeypatch.setenv("SRCCOMPARE_NO_USER_CONFIG", "1")
    f = tmp_path / "bad.yaml"
    f.write_text(content)
    with pytest.raises(UserError) as err:
        load_config(f)
    message = str(err.value)
    assert message.startswith(str(f))
    for word in words:
        assert word in message
