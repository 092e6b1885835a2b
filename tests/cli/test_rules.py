"""`attrib rules check|explain|list` as a user runs them."""
from __future__ import annotations

from click.testing import CliRunner

from attrib.cli import main


def test_check_passes_on_the_package_rules_and_fails_on_a_misspelt_key(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(main, ["rules", "check"])
    assert ok.exit_code == 0, ok.output
    assert ": ok" in ok.output
    from attrib.rules.source import default_rules_path
    text = open(default_rules_path(), encoding="utf-8").read().replace("priority = 20\n", "prioirty = 20\n", 1)
    bad = tmp_path / "rules.toml"
    bad.write_text(text, encoding="utf-8")
    line = text[:text.index("prioirty")].count("\n") + 1
    failed = runner.invoke(main, ["rules", "check", str(bad)])
    assert failed.exit_code == 1
    assert f"{bad}:{line}: rule according-to: prioirty: unknown key (did you mean 'priority'?)" in failed.output


def test_explain_and_list():
    runner = CliRunner()
    shown = runner.invoke(main, ["rules", "explain", "Peskov was quoted by TASS as saying the talks went well."])
    assert shown.exit_code == 0, shown.output
    assert "quoted-passive" in shown.output and "TASS" in shown.output
    listed = runner.invoke(main, ["rules", "list"])
    assert listed.exit_code == 0
    assert any(line.startswith("cited-as") for line in listed.output.splitlines())
    assert "Example:" in runner.invoke(main, ["rules", "explain", "--help"]).output
