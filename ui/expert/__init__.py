"""The expert workspace: a questioned document against its specimen (issue 7).

``ExpertWorkspace(ctx)`` is the tab the main window hosts; ``show_examination(opened)``
gives it a document (from the booth or the log browser), ``clear()`` takes it away.
"""

from ui.expert.workspace import ExpertWorkspace

__all__ = ["ExpertWorkspace"]
