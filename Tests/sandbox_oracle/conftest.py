"""The sandbox oracle imports the shared stack launcher and its own spec reader."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pystack"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
