"""psycopg is imported only for a PostgreSQL database (ectui/pg_driver.py): start-up time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# A fresh interpreter, as the `ectui` command starts: open a session, write and read a
# record with a JSON-typed field, then say whether psycopg was imported.
SCRIPT = """
import json, sys
from ectui.session import open_session
from ectui.services.cards import organization_card
from ectui.services.organizations import save_organization
session = open_session(sys.argv[1], login="kim")
org_id = save_organization(session.context, {"name": "ООО «Ромашка»"})
card = organization_card(org_id, session.context.actor)
print(json.dumps({"name": card.name, "psycopg": "psycopg" in sys.modules}))
"""


def run_fresh(url: str) -> dict:
    done = subprocess.run([sys.executable, "-c", SCRIPT, url], capture_output=True, text=True,
                          cwd=REPO, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_session_works_and_imports_psycopg_only_for_postgresql(db_url):
    result = run_fresh(db_url)
    assert result["name"] == "ООО «Ромашка»"
    assert result["psycopg"] is db_url.startswith("postgresql")
