"""``python -m ui`` starts the desktop application (same as the ``docexam-gui`` script)."""

import sys

from ui.app import main

sys.exit(main())
