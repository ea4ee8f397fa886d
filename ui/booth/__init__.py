"""The booth workspace: border officers examine one traveller's document at a time."""

from ui.booth.workspace import BoothWorkspace

__all__ = ["BoothWorkspace"]
