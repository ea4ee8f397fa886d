"""docexam: the Qt-free engine of the document-examination tool.

Every capability lives here and is usable headless (CLI, tests); the Qt front end in
``ui/`` only calls into it. Nothing in this package may import Qt.
"""

__version__ = "0.1.0"
