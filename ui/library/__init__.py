"""The specimen library workspace (see :class:`ui.library.view.LibraryView`)."""

from ui.library.view import LibraryView

__all__ = ["LibraryView"]
