"""Settings: the registry, file + environment precedence, validation, atomic save, the CLI."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from docexam.cli.main import main
from docexam.errors import InputError
from docexam.settings import (
    BY_KEY,
    REGISTRY,
    Settings,
    defaults,
    load_settings,
    save_settings,
    settings_path,
)


def test_registry_and_settings_have_the_same_keys_with_help_in_both_languages():
    fields = {f.name for f in dataclasses.fields(Settings)} - {"sources"}
    assert fields == set(BY_KEY) == {s.key for s in REGISTRY}
    for s in REGISTRY:
        assert s.help_en and s.help_ru, s.key
        assert any("\u0400" <= c <= "\u04ff" for c in s.help_ru), s.key
    assert "agency" in BY_KEY["retention_days"].help_en


def test_defaults_without_a_file(tmp_path):
    s = load_settings(tmp_path / "missing.json", environ={})
    assert s.retention_days == 1825 and s.language == "en"
    assert s.log_db is None and s.specimen_library is None
    assert s.officer_id and s.station_id
    assert set(s.sources.values()) == {"default"}


def test_file_then_environment(tmp_path):
    f = tmp_path / "settings.json"
    f.write_text(json.dumps({"officer_id": "k.ivanova", "retention_days": 365,
                             "log_db": str(tmp_path / "log.sqlite")}))  # fmt: skip
    s = load_settings(f, environ={})
    assert (s.officer_id, s.retention_days) == ("k.ivanova", 365)
    assert s.log_db == tmp_path / "log.sqlite" and isinstance(s.log_db, Path)
    env = {"DOCEXAM_OFFICER": "p.petrov", "DOCEXAM_RETENTION_DAYS": "30", "DOCEXAM_LANG": "ru"}
    s = load_settings(f, environ=env)
    assert (s.officer_id, s.retention_days, s.language) == ("p.petrov", 30, "ru")
    assert s.sources["officer_id"] == "env" and s.sources["log_db"] == "file"
    assert load_settings(f, environ=env, use_env=False).officer_id == "k.ivanova"


def test_settings_path_precedence(tmp_path):
    assert settings_path(tmp_path / "a.json", {}) == tmp_path / "a.json"
    assert settings_path(None, {"DOCEXAM_SETTINGS": str(tmp_path / "b.json")}) == (
        tmp_path / "b.json"
    )
    assert settings_path(None, {}).name == "settings.json"


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ('{"officer": "x"}', "'officer'"),
        ('{"retention_days": "five years"}', "retention_days"),
        ('{"retention_days": true}', "retention_days"),
        ('{"retention_days": 0}', "retention_days"),
        ('{"language": "de"}', "language"),
        ('{"officer_id": 7}', "officer_id"),
        ('{"officer_id": null}', "officer_id"),
        ("[1, 2]", "JSON object"),
        ('{"officer_id": "x",', "not valid JSON"),
    ],
)
def test_bad_files_name_the_key_and_the_file(tmp_path, content, needle):
    f = tmp_path / "settings.json"
    f.write_text(content)
    with pytest.raises(InputError) as err:
        load_settings(f, environ={})
    assert err.value.code == "SETTINGS_INVALID"
    assert needle in err.value.message and str(f) in err.value.message


def test_binary_garbage_and_bad_environment_are_clear_errors(tmp_path):
    f = tmp_path / "settings.json"
    f.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(InputError, match="settings file"):
        load_settings(f, environ={})
    with pytest.raises(InputError, match="DOCEXAM_RETENTION_DAYS"):
        load_settings(tmp_path / "none.json", environ={"DOCEXAM_RETENTION_DAYS": "lots"})


def test_replace_validates():
    s = defaults()
    assert s.replace(retention_days=10).retention_days == 10
    assert s.replace(log_db="~/x.sqlite").log_db == Path("~/x.sqlite").expanduser()
    assert s.retention_days == 1825  # frozen: the original is unchanged
    with pytest.raises(ValueError, match="retention_days"):
        s.replace(retention_days="10")
    with pytest.raises(ValueError, match="language"):
        s.replace(language="fr")
    with pytest.raises(ValueError, match="colour"):
        s.replace(colour="blue")
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.officer_id = "x"  # type: ignore[misc]


def test_save_is_atomic_and_keeps_only_what_differs(tmp_path):
    f = tmp_path / "cfg" / "settings.json"
    s = defaults().replace(station_id="border-3", retention_days=90)
    assert save_settings(s, f) == f
    assert json.loads(f.read_text()) == {"retention_days": 90, "station_id": "border-3"}
    assert not [p for p in f.parent.iterdir() if p.name != "settings.json"]  # no temp left
    back = load_settings(f, environ={})
    assert back == s


def test_save_into_an_unwritable_place_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InputError, match="cannot write the settings file"):
        save_settings(defaults(), blocker / "settings.json")


def test_cli_settings(tmp_path, monkeypatch, capsys):
    f = tmp_path / "settings.json"
    monkeypatch.setenv("DOCEXAM_SETTINGS", str(f))
    for var in ("DOCEXAM_OFFICER", "DOCEXAM_STATION", "DOCEXAM_DB", "DOCEXAM_LANG"):
        monkeypatch.delenv(var, raising=False)
    assert main(["settings", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(f)
    assert main(["settings", "set", "station_id", "post-7"]) == 0
    assert main(["settings", "set", "retention_days", "400"]) == 0
    capsys.readouterr()
    assert main(["settings", "show", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert (d["station_id"], d["retention_days"]) == ("post-7", 400)
    monkeypatch.setenv("DOCEXAM_OFFICER", "from-env")
    assert main(["settings", "set", "language", "ru"]) == 0
    assert "officer_id" not in json.loads(f.read_text())  # the env value is not saved
    capsys.readouterr()
    assert main(["settings", "show"]) == 0
    out = capsys.readouterr().out
    assert "station_id = post-7" in out and "env DOCEXAM_OFFICER" in out
    assert "Срок" in out  # language ru: the Russian help
    assert main(["settings", "set", "retention_days", "soon"]) == 2
    assert "retention_days" in capsys.readouterr().err
    assert main(["settings", "set", "nope", "1"]) == 2
    assert "unknown setting 'nope'" in capsys.readouterr().err
    f.write_text("{broken")
    assert main(["settings", "show"]) == 2
    assert str(f) in capsys.readouterr().err
