"""The ``docexam`` command line: a thin shell over the engine, one module per command."""
