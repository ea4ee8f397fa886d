"""docexam's Qt front end.

Thin on purpose: widgets call the Qt-free engine in ``docexam`` and show its results;
anything slow runs off the GUI thread through :mod:`ui.background`, and every error
reaches the user through :mod:`ui.errors`. Nothing in ``docexam`` may import from here.
"""
