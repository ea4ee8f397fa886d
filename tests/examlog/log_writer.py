"""A writer process for the durability tests: appends entries and acknowledges each one.

Usage: log_writer.py DB COUNT SEED
Prints "ready" after opening the log, then for each entry its id *after* the call that
committed it returned (flushed), then "done". COUNT 0 = until killed. Every third entry is a
decision on the previous examination; examinations carry one image of their own (a new
file) and one shared by all (de-duplicated).
"""

from __future__ import annotations

import os
import sys

from docexam.examlog import ExamLog


def main() -> None:
    db, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    shared = b"shared image bytes" * 50
    with ExamLog.open(db) as log:
        print("ready", flush=True)
        last = None
        i = 0
        while count == 0 or i < count:
            if last is not None and i % 3 == 2:
                ref = log.record_decision(last, "admitted", officer=f"w{seed}", station="gate")
            else:
                exam = {
                    "verdict": "consistent",
                    "reasons": [],
                    "mrz": {
                        "valid": True,
                        "fields": {
                            "surname": f"WRITER{seed}",
                            "given_names": f"N{i}",
                            "document_number": f"D{seed}X{i}",
                        },
                    },
                    "features": [{"n": i}] * 20,
                }
                ref = log.record_examination(
                    exam,
                    images={"white": os.urandom(2048), "uv365": shared},
                    officer=f"w{seed}",
                    station="gate",
                    decision="referred",
                )
                last = ref.exam_id
            print(ref.id, flush=True)
            i += 1
    print("done", flush=True)


if __name__ == "__main__":
    main()
