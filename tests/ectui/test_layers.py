"""The domain never imports Textual, so the CLI, imports and tests run without the UI."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import ectui

ROOT = Path(__file__).resolve().parents[2]


def test_domain_modules_do_not_import_textual():
    modules = [m.name for m in pkgutil.walk_packages(ectui.__path__, "ectui.")
               if ".migrations" not in m.name and m.name != "ectui.__main__"]
    assert "ectui.services.organizations" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert result.stdout.strip() == ""
