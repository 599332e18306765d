"""The demo's relationship history: what a manager sees on the first morning."""

from __future__ import annotations

import datetime as dt

from ectui.clock import FixedClock
from ectui.demo import create_demo_database
from ectui.demo_history import RECENT_DAYS
from ectui.models import Organization, SalesTemplate, Task
from ectui.services.context import Context
from ectui.services.employees import actor_for_login
from ectui.services.next_contacts import NoStepFilter, count_without_next_step
from ectui.services.task_details import task_detail
from ectui.services.today import today_counts
from tests.ectui.helpers import NOW


def test_kim_starts_the_demo_with_work_in_every_section(tmp_path):
    clock = FixedClock(NOW)
    create_demo_database(f"sqlite:///{tmp_path / 'demo.sqlite3'}", clock=clock, login="tester")
    # Whoever opens the demo takes the place of its senior manager Ким.
    kim = Context(actor_for_login("tester"), clock)
    assert kim.actor.name.startswith("Ким")
    counts = today_counts(kim)
    assert counts["new"] == 1 and counts["overdue"] >= 1 and counts["today"] >= 3
    assert counts["upcoming"] >= 2
    assert SalesTemplate.select().count() == 2
    medved = Organization.get(Organization.name.contains("Медведь"))
    project = Task.get(Task.organization == medved.id, Task.level == "project")
    progress = task_detail(kim, project.id).progress
    assert (progress.done, progress.total) == (2, 8)
    romashka = Organization.get(Organization.name == "ООО «Ромашка»")
    # Its month before today: three contacts (the year before is demo_history's deals).
    month_ago = kim.now() - dt.timedelta(days=RECENT_DAYS)
    assert Task.select().where(Task.organization == romashka.id, Task.status == "done",
                               Task.finished_at >= month_ago).count() == 3
    # Ромашка has a history but nothing planned: it is in the «no next step» list.
    assert count_without_next_step(NoStepFilter(kim.actor.employee_id)) >= 1
