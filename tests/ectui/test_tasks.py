"""The rules of the task tree, on SQLite and on PostgreSQL: creating and checking tasks, rights,
progress roll-up, templates with dates, the next step opening, quick logging, Today, the tree."""

from __future__ import annotations

import datetime as dt

import pytest

from ectui.errors import UserError, ValidationError
from ectui.models import Task, TaskNotice, TaskResult
from ectui.services import quick_log as ql
from ectui.services import tasks
from ectui.services.next_contacts import (
    NoStepFilter,
    clients_without_next_step,
    count_without_next_step,
    next_contact,
)
from ectui.services.sales_templates import start_project, template_steps
from ectui.services.task_details import task_detail
from ectui.services.task_notices import mark_delivered, undelivered_notices
from ectui.services.task_rollup import derived_status, progress_of
from ectui.services.task_tree import (
    TreeFilter,
    TreeScope,
    project_tree,
    project_trees,
    standalone,
    tree_roots,
)
from ectui.services.task_types import add_result, save_task_type, task_types, type_id_for_code
from ectui.services.today import (
    SectionHeader,
    TodayItem,
    today_counts,
    today_first_page,
    today_items,
    today_length,
)
from tests.ectui.task_helpers import build_office, employee_id, supply_template


def result_id(type_code: str, code: str) -> int:
    return TaskResult.get(TaskResult.task_type == type_id_for_code(type_code),
                          TaskResult.code == code).id


def call(office, **extra) -> dict:
    return {"task_type_id": type_id_for_code("call"), "organization_id": office.romashka,
            **extra}


@pytest.fixture
def office(database):
    return build_office()


# ---- the task model ------------------------------------------------------------------------


def test_builtin_types_have_results_and_names(office):
    by_code = {info.code: info for info in task_types()}
    assert by_code["call"].name == "Телефонный звонок"
    assert [r.name for r in by_code["call"].results][:2] == ["Вышел на ЛПР",
                                                              "Договорились о встрече"]
    assert {"meeting", "presentation", "letter", "email", "proposal", "invoice",
            "contract_signing"} <= by_code.keys()


def test_admin_adds_a_type_with_results(office):
    type_id = save_task_type(office.admin, "Выставка", "5")
    add_result(office.admin, type_id, "Взяли контакты", True)
    info = next(i for i in task_types() if i.id == type_id)
    assert (info.name, info.default_delay_days) == ("Выставка", 5)
    assert [r.name for r in info.results] == ["Взяли контакты"]
    with pytest.raises(UserError):
        save_task_type(office.kim, "Семинар", "2")
    with pytest.raises(ValidationError) as error:
        save_task_type(office.admin, "выставка", "x")
    assert set(error.value.errors) == {"name", "default_delay_days"}


def test_a_call_gets_its_type_name_and_the_contacts_organization(office):
    task_id = tasks.create_task(office.kim, {"task_type_id": type_id_for_code("call"),
                                             "contact_id": office.kovaleva, "due": "завтра"})
    task = Task.get_by_id(task_id)
    assert task.title == "Телефонный звонок"
    assert task.organization_id == office.romashka
    assert task.due_at.astimezone(office.clock.zone).date() == dt.date(2026, 11, 24)
    assert not task.due_has_time


def test_every_bad_field_is_reported_at_once(office):
    with pytest.raises(ValidationError) as error:
        tasks.create_task(office.kim, {"level": "operation", "due": "32.13", "start": "завтра",
                                       "priority": "7", "reminder": "скоро",
                                       "contact_id": office.kovaleva,
                                       "organization_id": office.other_org})
    assert set(error.value.errors) == {"task_type_id", "title", "due", "priority", "reminder",
                                       "contact_id"}


def test_due_before_start_is_refused(office):
    with pytest.raises(ValidationError) as error:
        tasks.create_task(office.kim, call(office, start="+3", due="завтра"))
    assert set(error.value.errors) == {"due"}


def test_tree_levels_are_enforced(office):
    project = tasks.create_task(office.kim, {"level": "project", "title": "Поставка",
                                             "organization_id": office.romashka})
    op = tasks.create_task(office.kim, call(office), parent_id=project)
    with pytest.raises(ValidationError):
        tasks.create_task(office.kim, {"level": "stage", "title": "Этап"})
    with pytest.raises(ValidationError):
        tasks.create_task(office.kim, call(office), parent_id=op)
    with pytest.raises(ValidationError):
        tasks.create_task(office.kim, {**call(office), "organization_id": office.other_org},
                          parent_id=project)
    stage = tasks.create_task(office.kim, {"level": "stage", "title": "Продажа"},
                              parent_id=project)
    nested = tasks.create_task(office.kim, {"level": "stage", "title": "Подэтап"},
                               parent_id=stage)
    assert Task.get_by_id(nested).root_id == project
    assert Task.get_by_id(nested).organization_id == office.romashka


# ---- rights ------------------------------------------------------------------------------


def test_a_manager_cannot_see_or_change_another_departments_task(office):
    task_id = tasks.create_task(office.zaitsev, {"task_type_id": type_id_for_code("call"),
                                                 "organization_id": office.other_org})
    Task.update(organization=None).where(Task.id == task_id).execute()
    with pytest.raises(UserError) as error:
        task_detail(office.kim, task_id)
    assert error.value.key == "task.rights.view"
    with pytest.raises(UserError):
        tasks.complete_task(office.kim, task_id, result_id("call", "no_answer"))
    assert task_detail(office.admin, task_id).row.id == task_id


def test_the_head_sees_and_changes_department_tasks_a_colleague_does_not(office):
    task_id = tasks.create_task(office.kim, call(office))
    assert task_detail(office.head, task_id).can_edit is True
    tasks.postpone_task(office.head, task_id, "+1")
    with pytest.raises(UserError) as error:
        task_detail(office.belova, task_id)
    assert error.value.key == "task.rights.view"


def test_the_head_gives_tasks_to_the_department_a_manager_only_to_himself(office):
    given = tasks.create_task(office.head, call(office, responsible_id=employee_id("kim")))
    assert Task.get_by_id(given).is_new
    with pytest.raises(UserError) as error:
        tasks.create_task(office.kim, call(office, responsible_id=employee_id("belova")))
    assert error.value.key.startswith("access.denied.assign_tasks")
    with pytest.raises(UserError):
        tasks.create_task(office.head, call(office, responsible_id=employee_id("zaitsev")))
    with pytest.raises(UserError):
        tasks.reassign_task(office.kim, given, employee_id("belova"))


def test_who_may_delete(office):
    task_id = tasks.create_task(office.head, call(office, responsible_id=employee_id("kim")))
    with pytest.raises(UserError) as error:
        tasks.delete_task(office.belova, task_id)
    assert error.value.key == "task.rights.view"
    other = tasks.create_task(office.kim, call(office, controller_id=employee_id("belova")))
    tasks.delete_task(office.belova, other)  # the controller takes it back
    tasks.delete_task(office.head, task_id)
    assert not Task.select().where(Task.id.in_([task_id, other])).exists()


def test_the_clients_responsible_sees_its_whole_history(office):
    task_id = tasks.create_task(office.head, call(office))
    assert task_detail(office.kim, task_id).row.organization == "ООО «Ромашка»"


def test_a_participant_and_the_controller_see_the_task(office):
    task_id = tasks.create_task(
        office.kim, call(office, controller_id=employee_id("zaitsev")),
        participants=[(employee_id("zaitsev"), "consultant")])
    detail = task_detail(office.zaitsev, task_id)
    assert detail.controller == "Зайцев П. И."
    assert detail.participants == (("Зайцев П. И.", "консультант"),)


# ---- assignment and notices ------------------------------------------------------------------


def test_a_given_task_is_announced_to_each_participant(office):
    task_id = tasks.create_task(
        office.head, call(office, responsible_id=employee_id("kim")),
        participants=[(employee_id("belova"), "co_executor")])
    kinds = {(n.recipient_id, n.kind) for n in TaskNotice.select()}
    assert kinds == {(employee_id("kim"), "assigned"), (employee_id("belova"), "assigned")}
    waiting = undelivered_notices(employee_id("kim"))
    assert [n.task_id for n in waiting] == [task_id]
    mark_delivered(office.kim, [n.id for n in waiting])
    assert undelivered_notices(employee_id("kim")) == []


def test_completion_is_announced_to_the_controller(office):
    task_id = tasks.create_task(office.kim, call(office, controller_id=employee_id("kuznetsova")))
    tasks.complete_task(office.kim, task_id, result_id("call", "decision_maker"), "Иванов")
    kinds = {n.kind for n in TaskNotice.select().where(
        TaskNotice.recipient == employee_id("kuznetsova"))}
    assert kinds == {"completed", "result"}


def test_reassigning_makes_it_new_for_the_new_responsible(office):
    task_id = tasks.create_task(office.kim, call(office))
    tasks.reassign_task(office.head, task_id, employee_id("belova"))
    task = Task.get_by_id(task_id)
    assert task.responsible_id == employee_id("belova") and task.is_new
    counts = today_counts(office.belova)
    assert counts["new"] == 1
    tasks.mark_seen(office.belova, task_id)
    assert today_counts(office.belova)["new"] == 0


# ---- progress and roll-up --------------------------------------------------------------------


def test_progress_counts_leaves_and_skips_cancelled():
    nodes = [(1, None, "planned"), (2, 1, "planned"), (3, 2, "done"), (4, 2, "planned"),
             (5, 1, "done"), (6, 1, "cancelled")]
    progress = progress_of(nodes)
    assert (progress[1].done, progress[1].total) == (2, 3)
    assert progress[2].percent == 50
    assert (progress[6].done, progress[6].total) == (0, 0)


def test_derived_status():
    assert derived_status(["done", "done", "cancelled"], "planned") == "done"
    assert derived_status(["done", "planned"], "planned") == "in_progress"
    assert derived_status(["pending", "pending"], "planned") == "pending"
    assert derived_status(["planned", "pending"], "pending") == "planned"
    assert derived_status([], "planned") == "planned"


def test_stage_and_project_follow_their_tasks(office):
    project = tasks.create_task(office.kim, {"level": "project", "title": "Поставка",
                                             "organization_id": office.romashka})
    stage = tasks.create_task(office.kim, {"level": "stage", "title": "Продажа"},
                              parent_id=project)
    first = tasks.create_task(office.kim, call(office), parent_id=stage)
    second = tasks.create_task(office.kim, call(office), parent_id=stage)
    tasks.complete_task(office.kim, first, result_id("call", "decision_maker"))
    assert Task.get_by_id(stage).status == "in_progress"
    assert task_detail(office.kim, project).progress.percent == 50
    tasks.complete_task(office.kim, second, result_id("call", "meeting_agreed"))
    assert Task.get_by_id(stage).status == "done"
    assert Task.get_by_id(project).status == "done"
    with pytest.raises(UserError):
        tasks.complete_task(office.kim, stage, None)
    tasks.create_task(office.kim, call(office), parent_id=stage)
    assert Task.get_by_id(project).status == "in_progress"  # new work reopens it


# ---- templates -------------------------------------------------------------------------------


def test_starting_from_a_template_builds_the_tree_with_dates(office):
    template = supply_template(office.admin)
    assert [s.depth for s in template_steps(template)] == [0, 1, 1, 1, 0, 1, 1]
    project = start_project(office.kim, template, {"organization_id": office.romashka,
                                                   "contact_id": office.kovaleva,
                                                   "start": "25.11.2026"})
    tree = project_tree(office.kim, project, TreeFilter())
    assert [n.row.title for n in tree] == ["Продажа", "Договор"]
    sale = tree[0].children
    assert [n.row.title for n in sale] == ["Телефонный звонок (выход на ЛПР)",
                                           "Телефонный звонок (назначить встречу)",
                                           "Первая презентация"]
    zone = office.clock.zone
    assert [n.row.due_at.astimezone(zone).date() for n in sale] == [
        dt.date(2026, 11, 25), dt.date(2026, 11, 28), dt.date(2026, 12, 5)]
    assert [n.row.status for n in sale] == ["planned", "pending", "pending"]
    assert sale[0].row.planned_result == "Выйти на ЛПР"
    assert sale[0].row.contact == "Ковалева Ю. М."
    assert Task.get_by_id(project).due_at.astimezone(zone).date() == dt.date(2026, 12, 16)
    assert tree[1].row.status == "pending"


def test_only_the_admin_edits_templates(office):
    with pytest.raises(UserError):
        supply_template(office.kim)


def test_an_advancing_result_opens_the_next_step_rebased_on_today(office):
    template = supply_template(office.admin)
    project = start_project(office.kim, template, {"organization_id": office.romashka})
    first = project_tree(office.kim, project, TreeFilter())[0].children[0].row
    opened = tasks.complete_task(office.kim, first.id, result_id("call", "decision_maker"))
    step = Task.get_by_id(opened)
    assert step.title == "Телефонный звонок (назначить встречу)"
    assert step.status == "planned"
    # The template puts it 3 days after the first step: 3 days after the call was made.
    assert step.due_at.astimezone(office.clock.zone).date() == dt.date(2026, 11, 26)


def test_a_stalling_result_leaves_the_next_step_waiting(office):
    template = supply_template(office.admin)
    project = start_project(office.kim, template, {"organization_id": office.romashka})
    first = project_tree(office.kim, project, TreeFilter())[0].children[0].row
    assert tasks.complete_task(office.kim, first.id, result_id("call", "no_answer")) is None
    statuses = [n.row.status for n in project_tree(office.kim, project, TreeFilter())[0].children]
    assert statuses == ["done", "pending", "pending"]


def test_postponing_a_waiting_step_opens_it(office):
    template = supply_template(office.admin)
    project = start_project(office.kim, template, {"organization_id": office.romashka})
    waiting = project_tree(office.kim, project, TreeFilter())[0].children[2].row
    tasks.postpone_task(office.kim, waiting.id, "пт 15:00")
    task = Task.get_by_id(waiting.id)
    assert task.status == "planned" and task.due_has_time
    assert task.due_at.astimezone(office.clock.zone) == dt.datetime(
        2026, 11, 27, 15, 0, tzinfo=office.clock.zone)


# ---- quick logging ---------------------------------------------------------------------------


def test_quick_log_defaults_follow_the_template(office):
    template = supply_template(office.admin)
    project = start_project(office.kim, template, {"organization_id": office.romashka,
                                                   "contact_id": office.kovaleva})
    first = project_tree(office.kim, project, TreeFilter())[0].children[0].row
    defaults = ql.quick_log_defaults(office.kim, task_id=first.id)
    assert defaults.on_advance.title == "Телефонный звонок (назначить встречу)"
    assert defaults.on_advance.due_text == "+3"
    assert defaults.on_advance.opens_step_id is not None
    assert defaults.on_stall.title == first.title
    assert defaults.on_stall.due_text == "+2"  # a call's default delay
    assert defaults.contact == "Ковалева Ю. М."


def test_three_calls_logged_move_the_project_on(office):
    template = supply_template(office.admin)
    project = start_project(office.kim, template, {"organization_id": office.romashka})
    first = project_tree(office.kim, project, TreeFilter())[0].children[0].row
    d = ql.quick_log_defaults(office.kim, task_id=first.id)
    out = ql.quick_log(office.kim, ql.QuickLog(
        task_id=first.id, result_id=result_id("call", "no_answer"), note="Секретарь: нет на месте",
        next_due=d.on_stall.due_text, next_type_id=d.on_stall.type_id,
        next_title=d.on_stall.title))
    retry = Task.get_by_id(out.next_id)
    assert retry.parent_id == first.parent_id and retry.status == "planned"
    d = ql.quick_log_defaults(office.kim, task_id=retry.id)
    out = ql.quick_log(office.kim, ql.QuickLog(
        task_id=retry.id, result_id=result_id("call", "decision_maker"), note="Вышли на Иванова",
        next_due=d.on_advance.due_text, next_type_id=d.on_advance.type_id,
        next_title=d.on_advance.title, opens_step_id=d.on_advance.opens_step_id))
    second = Task.get_by_id(out.next_id)
    assert second.title == "Телефонный звонок (назначить встречу)"
    assert second.id == d.on_advance.opens_step_id  # the template's step, not a copy
    d = ql.quick_log_defaults(office.kim, task_id=second.id)
    out = ql.quick_log(office.kim, ql.QuickLog(
        task_id=second.id, result_id=result_id("call", "meeting_agreed"), note="",
        next_due="пт 11:00", next_type_id=d.on_advance.type_id, next_title=d.on_advance.title,
        opens_step_id=d.on_advance.opens_step_id))
    presentation = Task.get_by_id(out.next_id)
    assert presentation.title == "Первая презентация" and presentation.due_has_time
    detail = task_detail(office.kim, project)
    assert (detail.progress.done, detail.progress.total) == (3, 6)  # 5 steps and a retry
    history = project_tree(office.kim, project, TreeFilter(status="done"))[0].children
    assert [n.row.result for n in history] == ["Не дозвонился", "Вышел на ЛПР",
                                               "Договорились о встрече"]
    assert history[0].row.result_note == "Секретарь: нет на месте"


def test_quick_log_of_an_unplanned_call_from_a_client(office):
    defaults = ql.quick_log_defaults(office.kim, organization_id=office.romashka)
    assert defaults.title == "Телефонный звонок" and defaults.on_advance.due_text == "+2"
    out = ql.quick_log(office.kim, ql.QuickLog(
        organization_id=office.romashka, contact_id=office.kovaleva, type_id=defaults.type_id,
        result_id=result_id("call", "callback"), note="Перезвонить после обеда",
        next_due="завтра 14:00", next_type_id=defaults.type_id, next_title="Перезвонить"))
    done = Task.get_by_id(out.done_id)
    assert done.status == "done" and done.result.code == "callback"
    following = next_contact(office.romashka)
    assert following.id == out.next_id and following.title == "Перезвонить"
    assert following.due_at.astimezone(office.clock.zone) == dt.datetime(
        2026, 11, 24, 14, 0, tzinfo=office.clock.zone)


def test_quick_log_reports_bad_fields(office):
    task_id = tasks.create_task(office.kim, call(office))
    with pytest.raises(ValidationError) as error:
        ql.quick_log(office.kim, ql.QuickLog(task_id=task_id, next_due="когда-нибудь"))
    assert set(error.value.errors) == {"result", "next_due"}
    assert Task.get_by_id(task_id).status == "planned"


# ---- Today -----------------------------------------------------------------------------------


def test_today_sections_and_order(office):
    kim = office.kim
    late = tasks.create_task(kim, call(office, title="Просроченный", due="20.11.2026"))
    early = tasks.create_task(kim, call(office, title="Утренний", due="23.11.2026 09:00"))
    later = tasks.create_task(kim, call(office, title="Дневной", due="23.11.2026 15:00"))
    urgent = tasks.create_task(kim, call(office, title="Важный", due="сегодня", priority="1"))
    normal = tasks.create_task(kim, call(office, title="Обычный", due="сегодня"))
    soon = tasks.create_task(kim, call(office, title="Завтрашний", due="завтра"))
    tasks.create_task(kim, call(office, title="Нескоро", due="+60"))
    undated = tasks.create_task(kim, call(office, title="Без срока"))
    given = tasks.create_task(office.head, call(office, title="Поручение",
                                                responsible_id=employee_id("kim")))
    done = tasks.create_task(kim, call(office, title="Сделано", due="сегодня"))
    tasks.complete_task(kim, done, result_id("call", "decision_maker"))
    assert today_counts(kim) == {"new": 1, "overdue": 2, "today": 3, "upcoming": 1,
                                 "no_date": 1}
    items = today_items(kim, 0, 100)
    assert len(items) == today_length(kim) == 13
    layout = [(i.section, i.count) if isinstance(i, SectionHeader) else i.row.id for i in items]
    assert layout == [("new", 1), given, ("overdue", 2), late, early,
                      ("today", 3), urgent, normal, later, ("upcoming", 1), soon,
                      ("no_date", 1), undated]
    page = today_items(kim, 4, 3)  # a page that starts inside a section
    assert [i.row.id if isinstance(i, TodayItem) else i.section for i in page] == [
        early, "today", urgent]
    # The start screen's first read: the page and the whole list's length, from one count.
    assert today_first_page(kim, 100) == (items, 13)
    assert today_first_page(kim, 5) == (today_items(kim, 0, 5), 13)


def test_today_shows_the_path_and_participants_tasks(office):
    project = tasks.create_task(office.kim, {"level": "project", "title": "Поставка",
                                             "organization_id": office.romashka})
    stage = tasks.create_task(office.kim, {"level": "stage", "title": "Продажа"},
                              parent_id=project)
    tasks.create_task(office.kim, call(office, due="сегодня"), parent_id=stage,
                      participants=[(employee_id("belova"), "co_executor")])
    item = next(i for i in today_items(office.belova, 0, 10) if isinstance(i, TodayItem))
    assert item.row.path == "Поставка › Продажа"
    assert item.row.client == "ООО «Ромашка»"


# ---- the tree --------------------------------------------------------------------------------


def test_tree_roots_with_progress_filters_and_standalone(office):
    template = supply_template(office.admin)
    project = start_project(office.kim, template, {"organization_id": office.romashka})
    first = project_tree(office.kim, project, TreeFilter())[0].children[0].row
    tasks.complete_task(office.kim, first.id, result_id("call", "decision_maker"))
    ql.quick_log(office.kim, ql.QuickLog(organization_id=office.romashka,
                                         type_id=type_id_for_code("call"),
                                         result_id=result_id("call", "no_answer")))
    roots = tree_roots(office.kim, TreeScope("client", office.romashka), TreeFilter())
    assert [(n.row.title, n.progress.done, n.progress.total) for n in roots.projects] == [
        ("Договор поставки", 1, 5)]
    assert roots.standalone_count == 1
    assert len(standalone(office.kim, TreeScope("client", office.romashka), TreeFilter(), 0,
                          10)) == 1
    presentations = TreeFilter(type_id=type_id_for_code("presentation"))
    tree = project_tree(office.kim, project, presentations)
    assert [n.row.title for n in tree] == ["Продажа"]
    assert [n.row.title for n in tree[0].children] == ["Первая презентация"]
    assert tree_roots(office.kim, TreeScope("client", office.other_org), TreeFilter()) \
        .projects == ()
    period = TreeFilter(date_from=dt.date(2026, 12, 1), date_to=dt.date(2026, 12, 31))
    december = project_tree(office.kim, project, period)
    assert [n.row.title for n in december[0].children] == ["Первая презентация"]
    assert tree_roots(office.zaitsev, TreeScope("all"), TreeFilter()).projects == ()


def test_many_project_trees_at_once_are_each_project_tree_and_only_the_visible_ones(office):
    template = supply_template(office.admin)
    supply = start_project(office.kim, template, {"organization_id": office.romashka})
    first = project_tree(office.kim, supply, TreeFilter())[0].children[0].row
    tasks.complete_task(office.kim, first.id, result_id("call", "decision_maker"))
    small = tasks.create_task(office.kim, {"level": "project", "title": "Сервис",
                                           "organization_id": office.romashka})
    tasks.create_task(office.kim, call(office), parent_id=small)
    empty = tasks.create_task(office.kim, {"level": "project", "title": "Пустой",
                                           "organization_id": office.romashka})
    for flt in (TreeFilter(), TreeFilter(status="done"),
                TreeFilter(type_id=type_id_for_code("presentation"))):
        assert project_trees(office.kim, [supply, small, empty], flt) == {
            project: project_tree(office.kim, project, flt)
            for project in (supply, small, empty)}
    assert project_trees(office.kim, [supply, small], TreeFilter(status="done"))[small] == ()
    # Another department's manager sees none of Kim's projects, and gets none of them.
    assert project_trees(office.zaitsev, [supply, small], TreeFilter()) == {}


def test_moving_a_task_between_stages_rolls_both_up(office):
    project = tasks.create_task(office.kim, {"level": "project", "title": "Поставка",
                                             "organization_id": office.romashka})
    sale = tasks.create_task(office.kim, {"level": "stage", "title": "Продажа"},
                             parent_id=project)
    deal = tasks.create_task(office.kim, {"level": "stage", "title": "Договор"},
                             parent_id=project)
    done = tasks.create_task(office.kim, call(office), parent_id=sale)
    tasks.create_task(office.kim, call(office), parent_id=deal)
    tasks.complete_task(office.kim, done, result_id("call", "decision_maker"))
    assert Task.get_by_id(sale).status == "done"
    tasks.move_task(office.kim, done, deal)
    assert Task.get_by_id(deal).status == "in_progress"
    with pytest.raises(UserError):
        tasks.move_task(office.kim, sale, None)
    with pytest.raises(UserError):
        tasks.move_task(office.kim, project, deal)
    tasks.move_task(office.kim, done, None)
    assert Task.get_by_id(done).root_id is None
    stray = tasks.create_task(office.kim, {"task_type_id": type_id_for_code("call"),
                                           "organization_id": office.other_org})
    with pytest.raises(UserError) as error:
        tasks.move_task(office.kim, stray, deal)
    assert error.value.key == "task.other_client"


def test_deleting_a_stage_deletes_its_tasks(office):
    project = tasks.create_task(office.kim, {"level": "project", "title": "Поставка",
                                             "organization_id": office.romashka})
    stage = tasks.create_task(office.kim, {"level": "stage", "title": "Продажа"},
                              parent_id=project)
    child = tasks.create_task(office.kim, call(office), parent_id=stage)
    tasks.delete_task(office.kim, stage)
    assert not Task.select().where(Task.id.in_([stage, child])).exists()


def test_edit_keeps_version_and_reports_conflicts(office):
    task_id = tasks.create_task(office.kim, call(office, due="завтра 10:00", reminder="15"))
    record = tasks.task_for_edit(office.kim, task_id)
    assert record.values["due"] == "24.11.2026 10:00"
    assert record.values["reminder"] == "15"
    values = {**record.values, "title": "Звонок Ковалевой"}
    tasks.update_task(office.kim, task_id, values, expected_version=record.version)
    with pytest.raises(UserError) as error:
        tasks.update_task(office.kim, task_id, values, expected_version=record.version)
    assert error.value.key == "conflict.changed_elsewhere"


# ---- clients without a next step -------------------------------------------------------------


def test_clients_without_a_next_step(office):
    mine = NoStepFilter(employee_id("kim"))
    assert count_without_next_step(mine) == 2
    ql.quick_log(office.kim, ql.QuickLog(organization_id=office.other_org,
                                         type_id=type_id_for_code("call"),
                                         result_id=result_id("call", "no_answer")))
    tasks.create_task(office.kim, call(office, due="+5"))
    rows = clients_without_next_step(mine, 0, 10)
    assert [r.name for r in rows] == ["ООО «Вектор»"]
    assert rows[0].last_contact is not None
    assert next_contact(office.romashka).due_at.astimezone(office.clock.zone).date() == \
        dt.date(2026, 11, 28)


def test_an_unplanned_call_is_filed_under_the_clients_open_project(office):
    template = supply_template(office.admin)
    project = start_project(office.kim, template, {"organization_id": office.romashka})
    d = ql.quick_log_defaults(office.kim, organization_id=office.romashka)
    assert [label for _id, label in d.places] == [
        "Договор поставки", "Договор поставки › Продажа", "Договор поставки › Договор"]
    stage_id = d.places[1][0]
    assert d.place_id == stage_id  # one open project: its first open stage is proposed
    out = ql.quick_log(office.kim, ql.QuickLog(
        organization_id=office.romashka, type_id=type_id_for_code("call"),
        result_id=result_id("call", "decision_maker"), note="Позвонили сами",
        next_due="+2", next_type_id=type_id_for_code("call"), parent_id=d.place_id))
    done, following = Task.get_by_id(out.done_id), Task.get_by_id(out.next_id)
    assert (done.parent_id, done.root_id) == (stage_id, project)
    assert following.parent_id == stage_id  # the follow-up stays in the project too
    # Another client's project is refused at its field; nothing is logged.
    before = Task.select().count()
    with pytest.raises(ValidationError) as refused:
        ql.quick_log(office.kim, ql.QuickLog(
            organization_id=office.other_org, type_id=type_id_for_code("call"),
            result_id=result_id("call", "decision_maker"), parent_id=stage_id))
    assert "parent_id" in refused.value.errors
    assert Task.select().count() == before
