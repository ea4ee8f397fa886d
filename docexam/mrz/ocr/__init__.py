"""The dedicated OCR-B character reader for MRZ text.

MRZ text is one fixed-pitch font, so a small classifier trained on glyphs that
``fonts-ocr-b`` renders (in-repo, reproducibly, no downloads) reads it faster and more
accurately than a general OCR engine. See ``train.py`` for how the shipped weights are made.
"""
