"""Ten years of the relationship history: projects, stages and operational tasks with results.

Every organization gets a share of the tasks by its category (clients have deals, prospects
mostly cold calls). A deal is a project «Договор поставки» with stages «Продажа», «Договор»,
«Оплата»… and their operational tasks; the rest are standalone calls and letters. What is due
in the past is mostly done with a result of its type (a few were cancelled, a few recent ones
were forgotten and are overdue); what is due from today on is planned, so every sales person
has a Today list. Projects and stages carry the status their tasks roll up to.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from benchmarks.gen_client_base import MOSCOW, ClientBase, OrgInfo, Sizes, moment
from benchmarks.writer import Writer
from ectui.models import Task, TaskParticipant, TaskReminder, TaskResult, TaskType

BLOCK = 2_000  # organizations per round of generation and writing
WEIGHTS = {"client": 30, "partner": 14, "supplier": 8, "prospect": 6, "competitor": 1}
HORIZON_DAYS = 60  # how far ahead planned work reaches

PROJECTS = ["Договор поставки", "Поставка оборудования", "Сервисное обслуживание",
            "Внедрение программы", "Оснащение склада", "Обучение персонала"]
# Stage title → its operational tasks: (type code, title, timed?)
STAGES = {
    "Продажа": [("call", "Телефонный звонок (выход на ЛПР)", True),
                ("call", "Телефонный звонок (назначить встречу)", True),
                ("presentation", "Первая презентация", True),
                ("proposal", "Коммерческое предложение", False),
                ("meeting", "Встреча", True)],
    "Договор": [("contract_signing", "Подписание договора", False),
                ("invoice", "Счет на оплату", False)],
    "Обследование": [("meeting", "Выезд на объект", True),
                     ("letter", "Отчёт об обследовании", False)],
    "Поставка": [("letter", "Согласовать график поставки", False),
                 ("call", "Подтвердить приёмку", True)],
    "Обучение сотрудников": [("meeting", "Обучение пользователей", True)],
    "Оплата": [("payment", "Оплата счета", False)],
}
STAGE_ORDER = list(STAGES)
STANDALONE = [("call", "Холодный звонок", True), ("call", "Звонок по договорённости", True),
              ("email", "Письмо с предложением", False), ("letter", "Поздравление с праздником",
                                                           False),
              ("meeting", "Встреча в офисе клиента", True), ("call", "Напомнить о себе", True)]
CANCEL_SHARE = 0.04


@dataclass
class _Types:
    ids: dict[str, int]
    results: dict[int, list[tuple[int, bool]]]  # type id → (result id, advances)


class TaskGenerator:
    FIELDS = ["id", "level", "parent", "root", "position", "task_type", "title", "result",
              "result_note", "organization", "contact", "priority", "status", "start_at",
              "due_at", "due_has_time", "finished_at", "responsible", "controller", "author",
              "assigned_by", "is_new", "created_at", "updated_at", "version"]

    def __init__(self, writer: Writer, sizes: Sizes, seed: int, base: ClientBase,
                 progress=lambda message: None) -> None:
        self.writer = writer
        self.target = sizes.tasks
        self.rng = random.Random(seed * 7919 + 3)
        self.base = base
        self.today = base.today
        self.progress = progress
        self.next_id = 1
        self.sales = [e.id for e in base.sales_people]
        heads = {e.department_id: e.id for e in base.employees if e.role == "head"}
        self.head_of = {e.id: heads.get(e.department_id) for e in base.employees}

    def load_types(self) -> _Types:
        def read() -> _Types:
            ids = {t.code: t.id for t in TaskType.select() if t.code}
            results: dict[int, list[tuple[int, bool]]] = {}
            for result in TaskResult.select().order_by(TaskResult.position):
                results.setdefault(result.task_type_id, []).append((result.id, result.advances))
            return _Types(ids, results)

        return self.writer.read(read)

    # -- time ---------------------------------------------------------------------------

    def due(self, day: date, timed: bool) -> tuple[datetime, bool]:
        if timed:
            return moment(day, self.rng), True
        return datetime.combine(day, time(0, 0), MOSCOW).astimezone(UTC), False

    def working_day(self, day: date) -> date:
        while day.weekday() >= 5:
            day += timedelta(days=1)
        return day

    # -- one operational task -----------------------------------------------------------

    def operation(self, org: OrgInfo, kind: tuple[str, str, bool], day: date,
                  responsible: int, parent: int | None, root: int | None, position: int,
                  rows: list, extras: dict) -> str:
        """Append an operational task due on ``day``; returns its status."""
        rng = self.rng
        code, title, timed = kind
        type_id = self.types.ids.get(code)
        due_at, has_time = self.due(day, timed)
        created_day = day - timedelta(days=rng.randint(0, 14))
        if created_day > self.today:  # far-ahead work was planned some days ago
            created_day = self.today - timedelta(days=rng.randint(0, 20))
        created = moment(created_day, rng)
        author = responsible
        if rng.random() < 0.1 and self.head_of.get(responsible):
            author = self.head_of[responsible]  # the head gave it
        status, result, finished, note = "planned", None, None, ""
        age = (self.today - day).days
        if age > 0:
            forgotten = 0.12 if age <= 45 else 0.002
            roll = rng.random()
            if roll < forgotten:
                status = "planned"  # overdue
            elif roll < forgotten + CANCEL_SHARE:
                status = "cancelled"
                finished = due_at
            else:
                status = "done"
                finished = due_at + timedelta(hours=rng.randint(0, 30))
                choices = self.types.results.get(type_id, [])
                if choices:
                    advancing = [r for r, advances in choices if advances]
                    every = [r for r, _advances in choices]
                    result = rng.choice(advancing if advancing and rng.random() < 0.7
                                        else every)
                if rng.random() < 0.3:
                    note = rng.choice(["Договорились созвониться", "Отправил КП на почту",
                                       "ЛПР в отпуске до конца месяца", "Ждут бюджет",
                                       "Всё согласовано", "Попросили перезвонить"])
        elif age == 0 and rng.random() < 0.3:
            status = "in_progress"
        contact = None
        if org.contact_count and rng.random() < 0.8:
            contact = org.first_contact_id + rng.randrange(org.contact_count)
        ident = self.next_id
        self.next_id += 1
        is_new = author != responsible and status in ("planned", "in_progress") \
            and (self.today - created_day).days < 3
        updated = finished or created
        rows.append((ident, "operation", parent, root, position, type_id, title, result, note,
                     org.id, contact, rng.choice((1, 2, 2, 2, 3)), status, None, due_at,
                     has_time, finished, responsible,
                     self.head_of.get(responsible) if rng.random() < 0.15 else None, author,
                     author if author != responsible else None, is_new, created, updated, 1))
        if rng.random() < 0.05:
            extras["participants"].append((ident, rng.choice(self.sales), "co_executor"))
        if status in ("planned", "in_progress") and timed and rng.random() < 0.3:
            extras["reminders"].append((ident, "before", rng.choice((15, 30, 60)),
                                        "participants"))
        return status

    # -- trees ----------------------------------------------------------------------------

    def project(self, org: OrgInfo, start: date, responsible: int, budget: int, rows: list,
                extras: dict) -> int:
        """A deal: project → stages → operations; returns the number of tasks made."""
        rng = self.rng
        project_id = self.next_id
        self.next_id += 1
        project_row = len(rows)
        rows.append(None)  # filled in when its tasks' statuses are known
        made = 1
        stages = STAGE_ORDER[:2] + rng.sample(STAGE_ORDER[2:-1], rng.randint(0, 2)) + ["Оплата"]
        day = self.working_day(start)
        leaf_statuses: list[str] = []
        for stage_position, stage_title in enumerate(stages):
            if made + 2 > budget:  # a stage comes with at least one task
                break
            stage_id = self.next_id
            self.next_id += 1
            stage_row = len(rows)
            rows.append(None)
            made += 1
            stage_statuses = []
            operations = STAGES[stage_title]
            if stage_title == "Продажа":
                operations = operations[: rng.randint(2, len(operations))]
            for position, kind in enumerate(operations):
                if made >= budget:
                    break
                status = self.operation(org, kind, day, responsible, stage_id, project_id,
                                        position, rows, extras)
                stage_statuses.append(status)
                made += 1
                day = self.working_day(day + timedelta(days=rng.randint(1, 9)))
            rows[stage_row] = self.container(stage_id, "stage", project_id, project_id,
                                             stage_position, stage_title, org, responsible,
                                             start, stage_statuses)
            leaf_statuses.extend(stage_statuses)
        rows[project_row] = self.container(project_id, "project", None, project_id, 0,
                                           rng.choice(PROJECTS), org, responsible, start,
                                           leaf_statuses)
        return made

    def container(self, ident: int, level: str, parent: int | None, root: int,
                  position: int, title: str, org: OrgInfo, responsible: int, start: date,
                  leaf_statuses: list[str]) -> tuple:
        status = _rolled_up(leaf_statuses)
        created = moment(min(start, self.today), self.rng)
        finished = None
        if status == "done":
            finished = min(created + timedelta(days=len(leaf_statuses) * 4),
                           datetime.combine(self.today, time(18, 0), MOSCOW).astimezone(UTC))
        return (ident, level, parent, root, position, None, title, None, "", org.id, None, 2,
                status, created, None, False, finished, responsible, None, responsible, None,
                False, created, finished or created, 1)

    def lifetime_days(self, org: OrgInfo) -> int:
        """Days from the organization's arrival to the end of the planned work."""
        return (self.today + timedelta(days=HORIZON_DAYS) - org.created).days + 1

    def tasks_of(self, org: OrgInfo, budget: int, rows: list, extras: dict) -> None:
        rng = self.rng
        span = self.lifetime_days(org)
        made = 0
        while made < budget:
            # Evenly over the client's life with us: the department's load grows with the
            # client base, as it did.
            day = org.created + timedelta(days=rng.randrange(span))
            while day.weekday() >= 5:
                day = org.created + timedelta(days=rng.randrange(span))
            responsible = org.responsible_id if rng.random() < 0.85 else rng.choice(self.sales)
            if org.category in ("client", "partner", "supplier") and budget - made >= 6 \
                    and rng.random() < 0.5:
                made += self.project(org, day, responsible, budget - made, rows, extras)
            else:
                kind = rng.choice(STANDALONE)
                self.operation(org, kind, day, responsible, None, None, 0, rows, extras)
                made += 1

    def budgets(self) -> list[int]:
        """Tasks per organization: by its category and size, and how long it has been ours."""
        orgs = self.base.organizations
        weights = [WEIGHTS.get(o.category, 1) * (1 + o.contact_count / 10)
                   * self.lifetime_days(o) for o in orgs]
        scale = self.target / sum(weights)
        budgets = [max(1, int(w * scale)) for w in weights]
        missing = self.target - sum(budgets)
        for index in self.rng.choices(range(len(orgs)), weights, k=max(0, missing)):
            budgets[index] += 1
        return budgets

    def run(self) -> None:
        self.types = self.load_types()
        fields = [Task._meta.fields[name] for name in self.FIELDS]
        orgs = self.base.organizations
        budgets = self.budgets()
        for start in range(0, len(orgs), BLOCK):
            rows: list = []
            extras: dict[str, list] = {"participants": [], "reminders": []}
            for org, budget in zip(orgs[start:start + BLOCK], budgets[start:start + BLOCK],
                                   strict=True):
                self.tasks_of(org, budget, rows, extras)
            self.writer.insert(Task, fields, rows)
            self.writer.insert(TaskParticipant, [
                TaskParticipant.task, TaskParticipant.employee, TaskParticipant.part],
                _unique_participants(extras["participants"], rows))
            self.writer.insert(TaskReminder, [
                TaskReminder.task, TaskReminder.kind, TaskReminder.minutes_before,
                TaskReminder.audience], extras["reminders"])
            self.progress(f"tasks {self.next_id - 1} (organizations "
                          f"{min(len(orgs), start + BLOCK)}/{len(orgs)})")


def _rolled_up(statuses: list[str]) -> str:
    """A container's status as ``task_rollup.derived_status`` derives it from its leaves."""
    from ectui.services.task_rollup import derived_status

    return derived_status(statuses, "planned")


def _unique_participants(participants: list[tuple], rows: list) -> list[tuple]:
    responsible = {row[0]: row[17] for row in rows}
    seen, unique = set(), []
    for task_id, employee_id, part in participants:
        if employee_id != responsible.get(task_id) and (task_id, employee_id) not in seen:
            seen.add((task_id, employee_id))
            unique.append((task_id, employee_id, part))
    return unique
