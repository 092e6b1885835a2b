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
    language.unload()
    yield tmp_path
    language.unload()


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
    language.unload()
    try:
        from py3langid.langid import MODEL_DIR, MODEL_FILE
        assert language._unpacked(Path(MODEL_DIR) / MODEL_FILE) is None   # no folder: the packed model is read
        assert [language.detect(t)[0] for t in TEXTS] == ["en", "fr", "de", "es", ""]
        assert blocker.read_text(encoding="utf-8") == "not a folder" and list(tmp_path.iterdir()) == [blocker]
    finally:
        language.unload()


def test_the_plain_guess_is_py3langids_or_none(fresh):
    """Without numpy, the guess is py3langid's own wherever it is made; where the rounding of
    py3langid's single-precision sums could change the language, it is not made."""
    langid = pytest.importorskip("py3langid.langid")
    from attrib import language_plain
    packed = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
    language.load()
    model = language._plain()
    assert model is not None
    made = 0
    for text in TEXTS + [t[:40] for t in TEXTS] + ["Bonjour Hallo hello hola ciao", "OK"]:
        guess = language_plain.guess(model, text)
        code, prob = packed.classify(text)
        if guess is not None:
            made += 1
            assert guess[0] == code and guess[1] == pytest.approx(prob, abs=1e-4), text
    assert made >= len(TEXTS)
    assert language_plain.guess(model, "OK") is None  # two letters: every language within rounding


def test_english_is_told_without_numpy(tmp_path):
    import subprocess
    import sys
    pytest.importorskip("py3langid")
    code = ("import sys; from attrib import language; print(language.detect(sys.argv[1])[0], "
            "'numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, TEXTS[0]], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["en", "False"]
    # a corpus: after the first few documents, py3langid with numpy (cheaper per document) tells them
    many = ("import sys; from attrib import language; codes = {language.detect(sys.argv[1])[0] for _ in "
            "range(language.PLAIN_FIRST + 2)}; print(*codes, 'numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", many, TEXTS[0]], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["en", "True"]
