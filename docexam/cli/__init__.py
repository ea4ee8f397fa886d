"""The ``docexam`` command line: a thin shell over the engine, one module per command.

Why the thread setting: numpy's OpenBLAS starts a thread per core for each small matrix
operation; the examination calls many small ones while OpenCV and tesseract keep the cores
busy, and on a 2-core machine the thread hand-offs cost more than they give (the
examination's glare fit took ~100 ms instead of ~10 under load). The command line owns
its process, so it asks for one BLAS thread before numpy is first imported; a caller
that set the variable keeps its own value.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
