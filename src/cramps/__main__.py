"""``python -m cramps``: the command line."""

import sys

from cramps.cli import main

sys.exit(main())
