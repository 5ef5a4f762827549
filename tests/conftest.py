"""Shared set-up of the tier-1 suite: the core is plain Python, so only the repository root is needed."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
	sys.path.insert(0, str(ROOT))
