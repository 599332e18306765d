"""A separate ectui process writing a shared base, for the concurrency and crash tests.

    python -m tests.ectui.concurrency_worker write URL LOGIN TAG COUNT SHARED_ORG FIELD_ID
        creates COUNT organizations «TAG-i», and sets its own custom field FIELD_ID of the
        shared organization from a stale copy (a three-way merge with everyone else's);
        prints one JSON line per committed write.
    python -m tests.ectui.concurrency_worker hang URL LOGIN TAG
        commits two organizations, then opens a write, inserts «TAG-uncommitted», prints
        "inside" and waits to be killed mid-transaction.
"""

from __future__ import annotations

import json
import sys
import time

from ectui.db import write_transaction
from ectui.errors import UserError
from ectui.models import Organization
from ectui.services.merge import EditConflict
from ectui.services.organizations import organization_for_edit, save_organization
from ectui.session import open_session


def say(**data) -> None:
    print(json.dumps(data, ensure_ascii=False), flush=True)


def write(url: str, login: str, tag: str, count: int, shared: int, field_id: int) -> None:
    session = open_session(url, login=login)
    ctx = session.context
    stale = organization_for_edit(shared)  # opened before the others write
    for i in range(count):
        org_id = save_organization(ctx, {"name": f"{tag}-{i}",
                                         "responsible_id": ctx.actor.employee_id})
        say(kind="org", id=org_id, name=f"{tag}-{i}")
    base = stale
    for _attempt in range(50):
        custom = dict(base.custom)
        custom[field_id] = tag
        try:
            save_organization(ctx, dict(base.values), org_id=shared,
                              expected_version=base.version, custom=custom,
                              group_ids=list(base.group_ids), base=base)
        except EditConflict as conflict:  # cannot happen: each writes its own field
            say(kind="conflict", fields=[c.key for c in conflict.conflicts])
            base = conflict.theirs
            continue
        except UserError as error:
            say(kind="error", message=error.message)
            time.sleep(0.05)
            continue
        say(kind="shared", field=field_id, value=tag)
        break
    session.db.close()


def hang(url: str, login: str, tag: str) -> None:
    session = open_session(url, login=login)
    ctx = session.context
    for i in range(2):
        org_id = save_organization(ctx, {"name": f"{tag}-{i}",
                                         "responsible_id": ctx.actor.employee_id})
        say(kind="org", id=org_id, name=f"{tag}-{i}")
    with write_transaction():
        Organization.insert(name=f"{tag}-uncommitted", created_at=ctx.now(),
                            updated_at=ctx.now()).execute()
        say(kind="inside")
        time.sleep(120)  # killed long before this ends


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "write":
        url, login, tag, count, shared, field_id = args
        write(url, login, tag, int(count), int(shared), int(field_id))
    elif command == "hang":
        hang(*args)
    else:
        raise SystemExit(f"unknown command {command}")
