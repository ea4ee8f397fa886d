"""Drawing primitives for synthetic security documents: pure functions returning float masks.

Why a separate package: the compositor multiplies these coverage masks (H×W float32, 0..1,
1 = full ink) by ink colours per light source (white, UV, IR), so every primitive stays
ink-agnostic, deterministic and cheap enough to render a full page in well under a second.
"""
