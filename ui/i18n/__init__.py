"""Translation sources (``docexam_<lang>.ts``) and their compiler, :mod:`ui.i18n.build`.

Deliberately free of Qt imports so ``python -m ui.i18n.build`` works in a packaging step;
loading and switching catalogues at run time lives in :mod:`ui.language`.
"""
