"""``docexam specimens list|show|validate`` through the real entry point: output, exit codes."""

from __future__ import annotations

import json

import pytest
from specimen_builders import passport_manifest, write_manifest, write_specimen

from docexam.cli.main import main


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_list_prints_a_table(library_root, capsys) -> None:
    code, out, err = run(["specimens", "list", "--library", str(library_root)], capsys)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == [
        "ID", "STATE", "KIND", "LAYOUT", "SERIES", "ISSUED", "PAGES", "SIDES", "LIGHTS",
        "FEATURES",
    ]  # fmt: skip
    assert lines[1].split() == [
        "uto-id-2019", "UTO", "identity_card", "TD1", "2019", "2019-03-01..", "2",
        "front,back", "white,uv365,ir870", "2",
    ]  # fmt: skip
    assert lines[2].split() == [
        "uto-passport-2015", "UTO", "passport", "TD3", "2015", "2015-01-01..2020-12-31", "1",
        "data_page", "white,uv365,ir870", "4",
    ]  # fmt: skip


def test_list_json(library_root, capsys) -> None:
    code, out, _ = run(["specimens", "list", "--json", "--library", str(library_root)], capsys)
    assert code == 0
    doc = json.loads(out)
    assert [d["id"] for d in doc] == ["uto-id-2019", "uto-passport-2015"]
    assert doc[1]["name"]["ru"] == "Паспорт Утопии, серия 2015"
    assert doc[1]["features"] == 4 and doc[1]["sides"] == ["data_page"]
    assert doc[0]["issued_until"] is None and doc[0]["lights"] == ["white", "uv365", "ir870"]


def test_list_skips_a_broken_specimen_with_a_warning(library_root, capsys) -> None:
    broken = passport_manifest("uto-visa-2018")
    broken["pages"][0]["images"]["uv366"] = "data_page.uv365.png"
    write_specimen(library_root, broken)
    code, out, err = run(["specimens", "list", "--library", str(library_root)], capsys)
    assert code == 0
    assert "uto-visa-2018" not in out and "uto-passport-2015" in out
    assert "specimen 'uto-visa-2018' skipped: 1 error(s)" in err
    assert "pages[0].images.uv366: unknown light source 'uv366'" in err


def test_list_of_the_env_library(library_root, capsys, monkeypatch) -> None:
    monkeypatch.setenv("DOCEXAM_SPECIMENS", str(library_root))
    code, out, _ = run(["specimens", "list"], capsys)
    assert code == 0 and "uto-passport-2015" in out


def test_list_of_a_missing_library_exits_2(tmp_path, capsys) -> None:
    code, out, err = run(["specimens", "list", "--library", str(tmp_path / "nope")], capsys)
    assert code == 2 and out == ""
    assert err.startswith("docexam: error: specimen library") and "does not exist" in err


def test_show_describes_pages_zones_fields_and_features(library_root, capsys) -> None:
    args = ["specimens", "show", "uto-passport-2015", "--library", str(library_root)]
    code, out, err = run(args, capsys)
    assert code == 0 and err == ""
    assert out.startswith("uto-passport-2015: Utopia passport, series 2015 (fictional)\n")
    assert "page data_page: 125 x 88 mm at 2 px/mm (250 x 176 px)" in out
    assert "    mrz: x 3 y 68 w 119 h 17 mm" in out
    assert "surname: 'Фамилия / Surname' [ru,en; Cyrl,Latn] = MRZ surname" in out
    assert "uv_emblem: UV emblem (uv_fluorescent_print:" in out
    assert "under uv365; check pattern_match, minimum correlation, 0-1 0.55" in out
    assert "under white; check visual\n" in out
    assert "forgery signs: No glow." in out


def test_show_json_is_a_manifest_that_loads_back(library_root, capsys) -> None:
    args = ["specimens", "show", "uto-passport-2015", "--json", "--library", str(library_root)]
    code, out, _ = run(args, capsys)
    assert code == 0
    doc = json.loads(out)
    assert doc["id"] == "uto-passport-2015" and doc["format_version"] == 1
    assert doc["pages"][0]["images"]["ir870"] == "data_page.ir870.png"
    write_manifest(library_root / "uto-passport-2015", doc)
    assert run(["specimens", "validate", str(library_root)], capsys)[0] == 0


def test_show_unknown_id_exits_2(library_root, capsys) -> None:
    code, out, err = run(["specimens", "show", "x", "--library", str(library_root)], capsys)
    assert code == 2 and out == ""
    assert "no specimen 'x'" in err and "uto-passport-2015" in err


def test_validate_clean_library_exits_0(library_root, capsys) -> None:
    code, out, _ = run(["specimens", "validate", str(library_root)], capsys)
    assert code == 0
    assert out == "2 manifests checked: no problems\n"


def test_validate_reports_file_field_and_exits_1(library_root, capsys, monkeypatch) -> None:
    m = passport_manifest()
    m["pages"][0]["features"][3]["type"] = "uv_glow"
    write_manifest(library_root / "uto-passport-2015", m)
    monkeypatch.chdir(library_root.parent)
    code, out, _ = run(["specimens", "validate", str(library_root)], capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(  # shown relative to the working folder, as typed
        "lib/uto-passport-2015/specimen.json: pages[0].features[3].type: error: "
        "unknown feature type 'uv_glow' (known: guilloche, microprint, "
    )
    assert lines[-1] == "2 manifests checked: 1 error, 0 warnings"
    code, out, _ = run(["specimens", "validate", "lib/uto-passport-2015"], capsys)
    assert code == 1 and out.startswith("lib/uto-passport-2015/specimen.json: pages[0].features")


def test_validate_warnings_alone_exit_0(library_root, capsys) -> None:
    folder = library_root / "uto-passport-2015"
    m = passport_manifest()
    del m["pages"][0]["images"]["ir870"]
    del m["pages"][0]["features"][1]
    write_manifest(folder, m)
    code, out, _ = run(["specimens", "validate", str(folder)], capsys)
    assert code == 0
    assert ": pages[0].images: warning: no 'ir870' image" in out
    assert out.splitlines()[-1] == "1 manifest checked: 0 errors, 1 warning"


def test_validate_missing_path_exits_2(tmp_path, capsys) -> None:
    code, out, err = run(["specimens", "validate", str(tmp_path / "nope")], capsys)
    assert code == 2 and out == ""
    assert "does not exist" in err


def test_specimens_needs_an_action(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["specimens"])
    assert exc.value.code == 2
