"""The task tree: per client, contact person, employee, what one controls, or everything one
may see. Projects come first with their progress; each project's tree loads when opened;
operational tasks outside any project are read page by page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import reduce

import peewee

from ectui.models import Task, TaskParticipant
from ectui.services import task_rights
from ectui.services.context import Context
from ectui.services.task_rollup import Progress, progress_of
from ectui.services.task_views import TaskRow, row_query, rows
from ectui.when import start_of_day

SCOPES = ("client", "contact", "employee", "controlled", "all")
STATUS_FILTERS = ("all", "open", "done")
MAX_PROJECTS = 300
STANDALONE_CAP = 10_000
_CHUNK = 500  # ids per IN (...): SQLite's older builds allow 999 bound values


@dataclass(frozen=True)
class TreeScope:
    kind: str = "employee"
    ident: int | None = None  # the organization, contact or employee


@dataclass(frozen=True)
class TreeFilter:
    status: str = "all"
    type_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    @property
    def is_empty(self) -> bool:
        return self.status == "all" and not self.type_id and not self.date_from \
            and not self.date_to


@dataclass(frozen=True)
class TreeNode:
    row: TaskRow
    progress: Progress | None
    has_children: bool
    children: tuple[TreeNode, ...] = ()


@dataclass(frozen=True)
class TreeRoots:
    projects: tuple[TreeNode, ...]
    truncated: bool  # more projects match than are shown: narrow the filter
    standalone_count: int  # operational tasks outside projects (at most STANDALONE_CAP + 1)


def _scope_condition(ctx: Context, scope: TreeScope) -> peewee.Expression | None:
    if scope.kind == "client":
        return Task.organization == scope.ident
    if scope.kind == "contact":
        return Task.contact == scope.ident
    if scope.kind == "employee":
        who = scope.ident or ctx.actor.employee_id
        return (Task.responsible == who) | Task.id.in_(
            TaskParticipant.select(TaskParticipant.task).where(TaskParticipant.employee == who))
    if scope.kind == "controlled":
        return Task.controller == (scope.ident or ctx.actor.employee_id)
    return None


def _filter_condition(flt: TreeFilter, zone: dt.tzinfo) -> peewee.Expression | None:
    parts: list[peewee.Expression] = []
    if flt.status == "open":
        parts.append(Task.status.in_(("pending", "planned", "in_progress")))
    elif flt.status == "done":
        parts.append(Task.status == "done")
    if flt.type_id:
        parts.append(Task.task_type == flt.type_id)
    if flt.date_from or flt.date_to:
        low = start_of_day(flt.date_from or dt.date(1900, 1, 1), zone)
        high = start_of_day((flt.date_to or dt.date(2999, 12, 30)) + dt.timedelta(days=1), zone)
        parts.append(((Task.finished_at >= low) & (Task.finished_at < high))
                     | (Task.finished_at.is_null() & (Task.due_at >= low) & (Task.due_at < high)))
    return reduce(lambda a, b: a & b, parts) if parts else None


def _match(ctx: Context, scope: TreeScope, flt: TreeFilter) -> peewee.Expression:
    parts = [c for c in (_scope_condition(ctx, scope), _filter_condition(flt, ctx.now().tzinfo),
                         task_rights.visible_condition(ctx.actor)) if c is not None]
    return reduce(lambda a, b: a & b, parts) if parts else (Task.id > 0)


def tree_roots(ctx: Context, scope: TreeScope, flt: TreeFilter) -> TreeRoots:
    """The projects in scope (a project is in when it or any task in it matches), newest
    first, each with its progress; and how many standalone operational tasks match."""
    match = _match(ctx, scope, flt)
    inside = Task.select(Task.root).where(match, Task.root.is_null(False))
    # One list of ids (UNION), not "matches OR holds a match": with the OR PostgreSQL walked
    # every project newest first for a client card (benchmarks/RESULTS.md).
    matching = Task.select(Task.id).where(Task.level == "project", match)
    query = (row_query()
             .where(Task.level == "project", Task.id.in_(matching | inside))
             .order_by(Task.created_at.desc(), Task.id.desc()).limit(MAX_PROJECTS + 1))
    found = rows(query)
    truncated = len(found) > MAX_PROJECTS
    found = found[:MAX_PROJECTS]
    ids = [r.id for r in found]
    nodes: list[tuple[int, int | None, str]] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        nodes.extend((n.id, n.parent_id, n.status) for n in
                     Task.select(Task.id, Task.parent, Task.status).where(Task.root.in_(chunk)))
    progress = progress_of(nodes)
    parents = {parent for _id, parent, _s in nodes if parent}
    projects = tuple(TreeNode(r, progress.get(r.id), r.id in parents) for r in found)
    # Counted up to a cap: «10 000+» reads as well as the exact figure and costs far less.
    standalone = (Task.select(Task.id)
                  .where(Task.parent.is_null(), Task.level == "operation", match)
                  .limit(STANDALONE_CAP + 1).count())
    return TreeRoots(projects, truncated, standalone)


def standalone(ctx: Context, scope: TreeScope, flt: TreeFilter, offset: int,
               limit: int) -> list[TaskRow]:
    """Operational tasks outside any project, the latest first."""
    match = _match(ctx, scope, flt)
    query = (row_query().where(Task.parent.is_null(), Task.level == "operation", match)
             .order_by(Task.id.desc())
             .offset(offset).limit(limit))
    return rows(query)


def project_tree(ctx: Context, project_id: int, flt: TreeFilter) -> tuple[TreeNode, ...]:
    """Everything under a project, nested, with progress; with a filter, only the tasks that
    match and the stages on their way."""
    from ectui.services.tasks import visible_task

    visible_task(ctx, project_id)
    return _trees(ctx, [project_id], flt)[project_id]


def project_trees(ctx: Context, project_ids: list[int],
                  flt: TreeFilter) -> dict[int, tuple[TreeNode, ...]]:
    """`project_tree` of many projects in a few queries («expand all» of a client's history:
    one query per project took 1.8 ms each on PostgreSQL, 120 ms for a client of 67 projects).
    The projects the actor may not see are left out."""
    visible = []
    condition = task_rights.visible_condition(ctx.actor)
    for start in range(0, len(project_ids), _CHUNK):
        chunk = project_ids[start:start + _CHUNK]
        query = Task.select(Task.id).where(Task.id.in_(chunk), Task.level == "project")
        if condition is not None:
            query = query.where(condition)
        visible.extend(task.id for task in query)
    return _trees(ctx, visible, flt)


def _trees(ctx: Context, project_ids: list[int],
           flt: TreeFilter) -> dict[int, tuple[TreeNode, ...]]:
    found: dict[int, list[TaskRow]] = {project_id: [] for project_id in project_ids}
    matching: set[int] | None = None
    condition = _filter_condition(flt, ctx.now().tzinfo)
    for start in range(0, len(project_ids), _CHUNK):
        chunk = project_ids[start:start + _CHUNK]
        for row in rows(row_query().where(Task.root.in_(chunk), Task.id.not_in(chunk))
                        .order_by(Task.position, Task.id)):
            found[row.root_id].append(row)
        if condition is not None:
            matching = matching or set()
            matching.update(t.id for t in Task.select(Task.id).where(Task.root.in_(chunk),
                                                                      condition))
    return {project_id: _nest(project_id, found[project_id], matching)
            for project_id in project_ids}


def _nest(project_id: int, found: list[TaskRow],
          matching: set[int] | None) -> tuple[TreeNode, ...]:
    nodes = [(r.id, r.parent_id, r.status) for r in found]
    progress = progress_of([*nodes, (project_id, None, "planned")])
    keep: set[int] | None = None
    if matching is not None:
        parent_of = {r.id: r.parent_id for r in found}
        keep = set()
        for ident in matching & parent_of.keys():
            while ident and ident not in keep and ident != project_id:
                keep.add(ident)
                ident = parent_of.get(ident)
    children: dict[int, list[TaskRow]] = {}
    for row in found:
        if keep is None or row.id in keep:
            children.setdefault(row.parent_id or project_id, []).append(row)

    def build(parent: int) -> tuple[TreeNode, ...]:
        return tuple(
            TreeNode(row, progress.get(row.id) if row.level != "operation" else None,
                     row.id in children, build(row.id))
            for row in children.get(parent, ()))

    return build(project_id)


def root_of(task_id: int) -> int | None:
    """The project a task belongs to (None for a standalone one)."""
    task = Task.get_or_none(Task.id == task_id)
    return task.root_id if task else None
