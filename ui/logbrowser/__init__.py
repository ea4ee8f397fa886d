"""The log browser workspace: search the examination log, see a case, open it again.

Modules: ``browser`` (the :class:`LogBrowser` widget the main window hosts as a tab),
``filters`` (the filter bar), ``model`` (the results table's model), ``detail`` (the
selected case), ``integrity`` (the log-verification indicator), ``jobs`` (the work done on
worker threads), ``words`` (verdicts, decisions, lights and times in the user's language).
"""

from ui.logbrowser.browser import LogBrowser

__all__ = ["LogBrowser"]
