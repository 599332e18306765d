"""The task tree: the whole story with a client (or an employee's work, or everything one may
see) as projects → stages → operational tasks, with what was planned and what happened.

A project's tree loads when it is opened; tasks outside projects load a page at a time. The
path from the project to the task under the cursor is always shown above the tree.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Select, Static, Tree
from textual.widgets._tree import TreeNode

from ectui.errors import FieldError, UserError
from ectui.i18n import t
from ectui.services import access, employees, task_types
from ectui.services.task_tree import (
    STANDALONE_CAP,
    TreeFilter,
    TreeRoots,
    TreeScope,
    project_tree,
    project_trees,
    root_of,
    standalone,
    tree_roots,
)
from ectui.services.task_tree import (
    TreeNode as ServiceNode,
)
from ectui.services.task_views import PATH_SEPARATOR, TaskRow
from ectui.when import parse_due
from screens import task_actions
from screens.db import run_db
from screens.forms.field_form import TASKS_CSS
from screens.task_display import (
    due_text,
    progress_bar,
    result_text,
    state_mark,
    state_of,
    task_title,
)
from screens.task_keys import letter
from screens.widgets.key_bar import KeyBar

PAGE = 200


@dataclass
class NodeData:
    kind: str  # task, standalone (the group of tasks outside projects), more
    row: TaskRow | None = None
    loaded: bool = False
    offset: int = 0  # for «more»: where the next page starts


class TaskTreeScreen(Screen):
    """Projects, stages and operational tasks of a client, an employee, or everything."""

    CSS_PATH = TASKS_CSS
    BINDINGS = [
        Binding("escape", "back", t("key.back")),
        *letter("d", "log", t("today.key.done")),
        Binding("ctrl+n,insert", "new", t("tree.key.new")),
        *letter("e", "new_stage", t("tree.key.new_stage"), show=False),
        *letter("a", "new_project", t("tree.key.new_project"), show=False),
        *letter("s", "start", t("tree.key.start")),
        *letter("m", "move", t("tree.key.move")),
        *letter("p", "postpone", t("today.key.postpone")),
        *letter("r", "reassign", t("today.key.reassign"), show=False),
        *letter("c", "client", t("today.key.client")),
        *letter("x", "cancel_task", t("tree.key.cancel"), show=False),
        Binding("f4", "edit", t("key.edit"), show=False),
        Binding("delete", "delete", t("key.delete"), show=False),
        Binding("ctrl+f", "filters", t("key.filters")),
        Binding("asterisk", "expand_all", t("tree.key.expand_all"), show=False),
    ]

    def __init__(self, *, client: tuple[int, str] | None = None,
                 contact: tuple[int, str] | None = None, focus_task: int | None = None) -> None:
        super().__init__()
        self.client = client
        self.contact = contact
        self.focus_task = focus_task
        if client:
            self.scope = TreeScope("client", client[0])
        elif contact:
            self.scope = TreeScope("contact", contact[0])
        else:
            self.scope = TreeScope("employee")
        self.filter = TreeFilter()
        self._types_loaded = False
        self._current_task: int | None = focus_task
        # While a load rebuilds the tree, the cursor passes over other nodes; those highlights
        # must not replace the task a reload started in the meantime has to come back to.
        self._loads = 0
        self._loading = False
        self._names: dict[int, str] = {}

    # ---- building ---------------------------------------------------------------------

    def _scope_options(self) -> list[tuple[str, str]]:
        options = []
        if self.client:
            options.append((t("tree.scope.client", name=self.client[1]), "client"))
        if self.contact:
            options.append((t("tree.scope.contact", name=self.contact[1]), "contact"))
        options += [(t("tree.scope.employee"), "employee"),
                    (t("tree.scope.controlled"), "controlled"), (t("tree.scope.all"), "all")]
        return options

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="tree-title")
        period = (Label(t("tree.period_from")),
                  Input(placeholder=t("common.date.hint"), compact=True, id="tree-from"),
                  Label(t("tree.period_to")),
                  Input(placeholder=t("common.date.hint"), compact=True, id="tree-to"))
        narrow = self.app.size.width < 120  # 80 columns: the period on a line of its own
        with Horizontal(id="tree-filters", classes="tree-filters"):
            yield Select(self._scope_options(), value=self.scope.kind, allow_blank=False,
                         compact=True, id="tree-scope")
            yield Select([(t(f"tree.status.{s}"), s) for s in ("all", "open", "done")],
                         value="all", allow_blank=False, compact=True, id="tree-status")
            yield Select([], prompt=t("tree.all_types"), compact=True, id="tree-type")
            if not narrow:
                yield from period
        if narrow:
            with Horizontal(id="tree-period", classes="tree-filters"):
                yield from period
        yield Label("", id="tree-path")
        tree: Tree[NodeData] = Tree("", id="task-tree")
        tree.show_root = False
        tree.auto_expand = False
        yield tree
        yield Static("", id="tree-detail")
        yield KeyBar()

    async def on_mount(self) -> None:
        # Whose tasks one may look at: a head picks any employee of the department.
        colleagues = await run_db(_colleagues, self.app.context)
        self._names = dict(colleagues)
        if colleagues:
            scope_select = self.query_one("#tree-scope", Select)
            scope_select.set_options(self._scope_options() + [
                (t("tree.scope.of", name=name), f"employee:{ident}")
                for ident, name in colleagues])
            scope_select.value = self.scope.kind
        types = await run_db(task_types.task_types)
        self.query_one("#tree-type", Select).set_options([(tp.name, tp.id) for tp in types])
        self._types_loaded = True
        self.query_one(Tree).focus()
        self.load()

    # ---- loading ----------------------------------------------------------------------

    @work(exclusive=True, group="tree-load", exit_on_error=False)
    async def load(self, keep_task: int | None = None) -> None:
        self._loads += 1
        mine = self._loads
        self._loading = True
        try:
            await self._rebuild(keep_task)
        finally:
            if mine == self._loads:
                self._loading = False

    async def _rebuild(self, keep_task: int | None) -> None:
        ctx = self.app.context
        try:
            roots: TreeRoots = await run_db(tree_roots, ctx, self.scope, self.filter)
        except UserError as error:
            self.app.report_error(error)
            return
        tree = self.query_one(Tree)
        tree.clear()
        for project in roots.projects:
            node = tree.root.add(self._label(project.row, project), NodeData("task", project.row),
                                 allow_expand=project.has_children)
            if not project.has_children:
                node.data.loaded = True
        if roots.standalone_count:
            count = (f"{STANDALONE_CAP:,}+".replace(",", " ")
                     if roots.standalone_count > STANDALONE_CAP else roots.standalone_count)
            tree.root.add(Text(t("tree.standalone", count=count), style="bold"),
                          NodeData("standalone"), allow_expand=True)
        title = Text(t(f"tree.title.{self.scope.kind}", name=self._scope_name()), style="bold")
        if roots.truncated:
            title.append("   " + t("tree.truncated"), style="yellow")
        if not roots.projects and not roots.standalone_count:
            title.append("   " + t("tree.empty"), style="dim")
        self.query_one("#tree-title", Label).update(title)
        target = keep_task or self.focus_task
        self.focus_task = None
        if target:
            await self._reveal(target)
        elif len(roots.projects) == 1 and tree.root.children:
            await self._expand(tree.root.children[0])  # one project: show it open
        client_scope = self.scope.kind in ("client", "contact")
        if roots.standalone_count and (roots.standalone_count <= (PAGE if client_scope else 50)
                                       or not roots.projects):
            # Short enough to read at once (a client's history usually is).
            await self._expand(tree.root.children[-1])
        if not target and tree.root.children:
            self._move_to(tree.root.children[0])

    def _scope_name(self) -> str:
        if self.scope.kind == "employee" and self.scope.ident:
            return self._names.get(self.scope.ident, "")
        if self.scope.kind == "client" and self.client:
            return self.client[1]
        if self.scope.kind == "contact" and self.contact:
            return self.contact[1]
        return self.app.context.actor.name

    def _label(self, row: TaskRow, node: ServiceNode | None = None) -> Text:
        now = self.app.context.now()
        state = state_of(row, now)
        text = Text()
        text.append_text(state_mark(state))
        text.append(" ")
        due = due_text(row, now, state)
        if due.plain:
            text.append_text(due)
            text.append(" ")
        if row.level == "operation" and row.type_name and \
                not row.title.casefold().startswith(row.type_name.casefold()):
            text.append(row.type_name + ": ", style="dim")
        text.append_text(task_title(row))
        if node is not None and node.progress is not None and node.progress.total:
            text.append("  ")
            text.append_text(progress_bar(node.progress))
        outcome = result_text(row)
        if outcome.plain:
            text.append("  ")
            text.append_text(outcome)
        if self.scope.kind != "client" and row.level == "project" and row.organization:
            text.append(f"  · {row.organization}", style="dim")
        if row.responsible and row.responsible_id != self.app.context.actor.employee_id:
            text.append(f"  · {row.responsible}", style="dim")
        return text

    async def _expand(self, node: TreeNode[NodeData]) -> None:
        data = node.data
        if data is None:
            return
        if not data.loaded:
            await self._load_children(node)
        node.expand()

    async def action_expand_all(self) -> None:
        """The whole history unfolded: every project's tree read in one trip to the database
        (opened one by one, a client of 67 projects took 67 trips)."""
        tree = self.query_one(Tree)
        closed = [node for node in tree.root.children
                  if node.data is not None and node.data.kind == "task" and node.data.row
                  and not node.data.loaded]
        if closed:
            ids = [node.data.row.id for node in closed]
            trees = await run_db(project_trees, self.app.context, ids, self.filter)
            shown = set(tree.root.children)  # a reload meanwhile replaced the nodes
            for node in closed:
                if node in shown:
                    node.remove_children()
                    self._add_nodes(node, trees.get(node.data.row.id, ()))
                    node.data.loaded = True
        for node in list(tree.root.children):
            await self._expand(node)
            for child in node.children:
                child.expand_all()

    async def _load_children(self, node: TreeNode[NodeData]) -> None:
        data = node.data
        ctx = self.app.context
        if data.kind == "task" and data.row is not None:
            try:
                children = await run_db(project_tree, ctx, data.row.id, self.filter)
            except UserError as error:
                self.app.report_error(error)
                return
            node.remove_children()
            self._add_nodes(node, children)
        elif data.kind in ("standalone", "more"):
            parent = node if data.kind == "standalone" else node.parent
            rows = await run_db(standalone, ctx, self.scope, self.filter, data.offset, PAGE)
            if data.kind == "more":
                node.remove()
            for row in rows:
                parent.add_leaf(self._label(row), NodeData("task", row, loaded=True))
            if len(rows) == PAGE:
                parent.add_leaf(Text(t("tree.more"), style="italic"),
                                NodeData("more", offset=data.offset + PAGE))
        data.loaded = True

    def _add_nodes(self, parent: TreeNode[NodeData], nodes: tuple[ServiceNode, ...]) -> None:
        for item in nodes:
            if item.has_children:
                child = parent.add(self._label(item.row, item), NodeData("task", item.row,
                                                                        loaded=True))
                self._add_nodes(child, item.children)
                child.expand()
            else:
                parent.add_leaf(self._label(item.row, item),
                                NodeData("task", item.row, loaded=True))

    async def _reveal(self, task_id: int) -> None:
        """Open the way to a task and put the cursor on it."""
        tree = self.query_one(Tree)
        root_id = await run_db(root_of, task_id)
        for top in tree.root.children:
            data = top.data
            if data is None:
                continue
            if (root_id and data.kind == "task" and data.row and data.row.id == root_id) or \
                    (not root_id and data.kind == "standalone"):
                await self._expand(top)
                break
        found = self._find(tree.root, task_id)
        if found is not None:
            self._move_to(found)

    def _move_to(self, node: TreeNode[NodeData]) -> None:
        tree = self.query_one(Tree)
        _ = tree.last_line  # lays the lines out, so the node knows its line
        tree.move_cursor(node)
        if node.data is not None and node.data.row is not None:
            self._current_task = node.data.row.id
        self._show_path(node)

    def _find(self, node: TreeNode[NodeData], task_id: int) -> TreeNode[NodeData] | None:
        for child in node.children:
            if child.data and child.data.row and child.data.row.id == task_id:
                return child
            below = self._find(child, task_id)
            if below is not None:
                return below
        return None

    @on(Tree.NodeExpanded)
    async def _node_expanded(self, event: Tree.NodeExpanded) -> None:
        if event.node.data is not None and not event.node.data.loaded:
            await self._load_children(event.node)

    @on(Tree.NodeSelected)
    async def _node_selected(self, event: Tree.NodeSelected) -> None:
        data = event.node.data
        if data is None:
            return
        if data.kind == "more":
            await self._load_children(event.node)
        elif data.kind == "standalone":
            event.node.toggle()
        elif data.row is not None:
            await task_actions.open_task(self.app, data.row.id, self._changed)

    @on(Tree.NodeHighlighted)
    def _node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        data = event.node.data
        if data is not None and data.row is not None and not self._loading:
            self._current_task = data.row.id
        self._show_path(event.node)

    def _show_path(self, node: TreeNode[NodeData] | None) -> None:
        titles = []
        current = node
        while current is not None and current.data is not None:
            if current.data.row is not None:
                titles.append(current.data.row.title)
            current = current.parent
        self.query_one("#tree-path", Label).update(
            Text(PATH_SEPARATOR.join(reversed(titles))))
        detail = self.query_one("#tree-detail", Static)
        row = node.data.row if node is not None and node.data is not None else None
        if row is None:
            detail.update("")
            return
        lines = Text()
        lines.append(t("tree.detail.status", status=t(f"task.status.{row.status}")), style="bold")
        if row.client:
            lines.append("   " + row.client)
        if row.responsible:
            lines.append("   " + t("today.detail.responsible", name=row.responsible),
                         style="dim")
        if row.planned_result:
            lines.append("\n" + t("tree.detail.planned", text=row.planned_result))
        if row.status == "done":
            actual = " — ".join(p for p in (row.result, row.result_note) if p) or "—"
            lines.append("\n" + t("tree.detail.actual", text=actual), style="green")
        detail.update(lines)

    # ---- filters ----------------------------------------------------------------------

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "tree-scope":
            kind = str(event.value)
            ident = None
            if kind.startswith("employee:"):
                kind, ident = "employee", int(kind.split(":", 1)[1])
            elif kind == "client" and self.client:
                ident = self.client[0]
            elif kind == "contact" and self.contact:
                ident = self.contact[0]
            self.scope = TreeScope(kind, ident)
        elif event.select.id == "tree-status":
            self.filter = TreeFilter(str(event.value), self.filter.type_id,
                                     self.filter.date_from, self.filter.date_to)
        elif event.select.id == "tree-type" and self._types_loaded:
            type_id = None if event.value is Select.NULL else int(event.value)
            self.filter = TreeFilter(self.filter.status, type_id, self.filter.date_from,
                                     self.filter.date_to)
        else:
            return
        self.load()

    @on(Input.Submitted, "#tree-from, #tree-to")
    def _period_entered(self, event: Input.Submitted) -> None:
        event.stop()
        today = self.app.context.now().date()
        try:
            start = parse_due(self.query_one("#tree-from", Input).value, today)
            end = parse_due(self.query_one("#tree-to", Input).value, today)
        except FieldError as error:
            self.app.report_error(error)
            return
        self.filter = TreeFilter(self.filter.status, self.filter.type_id,
                                 start.day if start else None, end.day if end else None)
        self.load()
        self.query_one(Tree).focus()

    def action_filters(self) -> None:
        self.query_one("#tree-scope", Select).focus()

    def action_back(self) -> None:
        if isinstance(self.focused, (Input, Select)):
            self.query_one(Tree).focus()
        elif len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    # ---- actions on the node under the cursor -----------------------------------------

    def _row(self) -> TaskRow | None:
        node = self.query_one(Tree).cursor_node
        return node.data.row if node is not None and node.data is not None else None

    def _changed(self, _result=None) -> None:
        # The task last under the cursor, not the node now: a reload clears the tree.
        self.load(keep_task=self._current_task)

    def _created(self, new_id=None) -> None:
        self.load(keep_task=new_id if isinstance(new_id, int) else None)

    def on_screen_resume(self) -> None:
        self._changed()

    def _client_ids(self) -> tuple[int | None, int | None]:
        row = self._row()
        if row is not None:
            return row.organization_id, row.contact_id
        return (self.client[0] if self.client else None,
                self.contact[0] if self.contact else None)

    async def action_new(self) -> None:
        row = self._row()
        parent = None
        if row is not None:
            parent = row.id if row.level != "operation" else row.parent_id
        org, contact = self._client_ids()
        await task_actions.new_task(self.app, parent_id=parent, organization_id=org,
                                    contact_id=contact, done=self._created)

    async def action_new_stage(self) -> None:
        row = self._row()
        if row is None:
            self.app.notify(t("tree.stage_needs_project"), severity="warning")
            return
        parent = row.id if row.level != "operation" else row.parent_id
        if parent is None:
            self.app.notify(t("tree.stage_needs_project"), severity="warning")
            return
        await task_actions.new_task(self.app, level="stage", parent_id=parent,
                                    done=self._created)

    async def action_new_project(self) -> None:
        org, contact = self._client_ids()
        await task_actions.new_task(self.app, level="project", organization_id=org,
                                    contact_id=contact, done=self._created)

    async def action_start(self) -> None:
        org, contact = self._client_ids()
        await task_actions.start_project(self.app, org, contact, done=self._created)

    async def action_log(self) -> None:
        row = self._row()
        if row is None:
            return
        if row.level != "operation":
            org, contact = self._client_ids()
            await task_actions.log_contact(self.app, org, contact, done=self._changed)
            return
        await task_actions.log_task(self.app, row.id, self._changed)

    async def action_edit(self) -> None:
        row = self._row()
        if row is not None:
            await task_actions.open_task(self.app, row.id, self._changed)

    async def action_postpone(self) -> None:
        row = self._row()
        if row is not None:
            await task_actions.postpone(self.app, row.id, self._changed)

    async def action_reassign(self) -> None:
        row = self._row()
        if row is not None:
            await task_actions.reassign(self.app, row.id, row.responsible_id, self._changed)

    async def action_move(self) -> None:
        row = self._row()
        if row is not None:
            await task_actions.move(self.app, row.id, row.organization_id, self._changed)

    async def action_cancel_task(self) -> None:
        row = self._row()
        if row is not None:
            await task_actions.set_status(self.app, row.id, "cancelled", self._changed)

    def action_client(self) -> None:
        row = self._row()
        org, contact = self._client_ids()
        if row is not None or org or contact:
            task_actions.open_client(self.app, org, contact)

    async def action_delete(self) -> None:
        row = self._row()
        if row is not None:
            await task_actions.delete(self.app, row.id, row.title, lambda _r: self.load())


def _colleagues(ctx) -> list[tuple[int, str]]:
    """Other employees whose tasks the actor's role lets them see, by name."""
    reach = access.employees_in_scope(ctx.actor, "view")
    people = employees.employees()
    return [(p.id, p.short) for p in people if p.id != ctx.actor.employee_id
            and (reach is None or p.id in reach)]
