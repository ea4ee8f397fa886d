"""The image reader on the real development set (../shared/data/real-mrz-dev).

These images are a development set, not a hold-out: the floor below guards against
regressions; the benchmark prints the actual figures.
"""

from __future__ import annotations

from docexam.mrz.reader import read_mrz_file

FLOOR = 31  # of the 36 images with an MRZ (33 read at the time of writing); see README


def test_real_samples_are_read_at_least_as_well_as_before(real_mrz_dir, real_mrz_truth) -> None:
    exact = 0
    misses = []
    for entry in real_mrz_truth:
        if not entry["has_mrz"]:
            continue
        reading = read_mrz_file(real_mrz_dir / entry["file"])
        if list(reading.lines) == entry["lines"]:
            exact += 1
        else:
            misses.append(entry["file"])
    assert exact >= FLOOR, f"read {exact} exactly; missed {misses}"
