"""Language detection from the model unpacked into the cache folder: the guesses py3langid makes itself."""
from __future__ import annotations

from pathlib import Path

import pytest

from attrib import language

TEXTS = [
    "The minister said on Tuesday that the talks would resume next week, according to two officials who "
    "asked not to be named because the negotiations are private.",
    "Le ministre a déclaré mardi que les négociations reprendraient la semaine prochaine, selon deux responsables.",
    "Der Minister sagte am Dienstag, die Gespräche würden nächste Woche fortgesetzt, wie zwei Beamte berichteten.",
    "El ministro dijo el martes que las conversaciones se reanudarían la próxima semana, según dos funcionarios.",
    "Officials said.",
]


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    monkeypatch.setenv("ATTRIB_CACHE_DIR", str(tmp_path))
    language._identifier.cache_clear()
    yield tmp_path
    language._identifier.cache_clear()


def test_the_unpacked_model_guesses_as_the_packed_one(fresh):
    langid = pytest.importorskip("py3langid.langid")
    packed = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
    unpacked = language._identifier()
    [folder] = fresh.glob("langid-*")
    assert (folder / "complete").is_file()
    language._identifier.cache_clear()
    mapped = language._identifier()  # the second time from the folder
    for text in TEXTS:
        assert unpacked.classify(text) == mapped.classify(text) == packed.classify(text), text
    assert [language.detect(t)[0] for t in TEXTS] == ["en", "fr", "de", "es", ""]


def test_a_folder_that_cannot_be_written_only_means_unpacking_each_time(monkeypatch, tmp_path):
    pytest.importorskip("py3langid")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ATTRIB_CACHE_DIR", str(blocker / "attrib"))
    language._identifier.cache_clear()
    try:
        from py3langid.langid import MODEL_DIR, MODEL_FILE
        assert language._unpacked(Path(MODEL_DIR) / MODEL_FILE) is None   # no folder: the packed model is read
        assert [language.detect(t)[0] for t in TEXTS] == ["en", "fr", "de", "es", ""]
        assert blocker.read_text(encoding="utf-8") == "not a folder" and list(tmp_path.iterdir()) == [blocker]
    finally:
        language._identifier.cache_clear()
