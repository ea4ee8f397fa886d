"""The MRZ reader reads the studio's documents: the studio's MRZ geometry is real ICAO."""

from __future__ import annotations

import pytest

from docexam.mrz.reader import read_mrz_file
from docexam.synth.studio import write_document

MRZ_SIDE = {"uto-passport-2015": "data_page", "uto-passport-2021": "data_page",
            "uto-id-2019": "back", "uto-visa-2018": "front"}  # fmt: skip


@pytest.mark.parametrize("sid", sorted(MRZ_SIDE))
@pytest.mark.parametrize("capture", ["none", "scan"])
def test_reader_reads_studio_documents(tmp_path, sid, capture):
    w = write_document(tmp_path, sid, seed=21, capture=capture)
    name = next(f for f in w.files if f.startswith(f"{MRZ_SIDE[sid]}.white"))
    reading = read_mrz_file(tmp_path / name)
    assert list(reading.to_dict()["lines"]) == w.truth["mrz"]
    assert reading.to_dict()["valid"] is True
