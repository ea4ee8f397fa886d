"""``from ui.library_view import LibraryView``: the workspace lives in the ui.library package."""

from ui.library import LibraryView

__all__ = ["LibraryView"]
