"""Today, the task tree and quick logging, driven by keys in the real app on a SQLite file.

The seed's «done when»: a project from the template for ООО «Ромашка», calls logged with
their results, the progress and the next step shown, the whole history in the tree.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ectui.models import Task, TaskResult
from ectui.services import tasks
from ectui.services.sales_templates import start_project
from ectui.services.task_tree import TreeFilter, project_tree
from ectui.services.task_types import type_id_for_code
from ectui.services.today import TodayItem
from ectui.session import open_session
from screens.app import EctuiApp
from screens.forms.field_form import FieldForm
from screens.forms.quick_log_form import QuickLogForm
from screens.no_next_step import NoNextStepScreen
from screens.organization_card import OrganizationCardScreen
from screens.task_tree import TaskTreeScreen
from screens.today import TodayScreen
from screens.widgets.paged_table import PagedTable
from tests.ectui.task_helpers import NOW, build_office, supply_template
from tests.screens.test_forms import screen_text, type_text
from tests.screens.test_forms import wait_until as _wait_until

SIZE = (130, 40)


async def wait_until(pilot, predicate, timeout: float = 20.0) -> None:
    """As in the form tests, with room for a machine busy with other test runs."""
    await _wait_until(pilot, predicate, timeout)


@pytest.fixture
def office(sqlite_database, clock):
    return build_office(clock)


def app_for(url: str, clock, login: str = "kim") -> EctuiApp:
    return EctuiApp(open_session(url, login=login, clock=clock))


def call(office, **extra) -> dict:
    return {"task_type_id": type_id_for_code("call"), "organization_id": office.romashka,
            **extra}


def result_id(type_code: str, code: str) -> int:
    return TaskResult.get(TaskResult.task_type == type_id_for_code(type_code),
                          TaskResult.code == code).id


async def today_loaded(pilot) -> TodayScreen:
    app = pilot.app
    # The screen is pushed before its widgets are mounted: wait for its list too.
    await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen)
                     and bool(app.screen.query(PagedTable)))
    table = app.screen.query_one(PagedTable)
    # The cursor starts on the first task, past the first section's header.
    await wait_until(pilot, lambda: isinstance(table.current_row, TodayItem))
    return app.screen


async def press_counting(pilot, *keys: str) -> int:
    for key in keys:
        await pilot.press(key)
    return len(keys)


# ---- Today ---------------------------------------------------------------------------------


async def test_today_is_the_start_screen_with_states_by_symbol(office, sqlite_only_url, clock):
    tasks.create_task(office.kim, call(office, title="Просроченный звонок", due="20.11.2026"))
    tasks.create_task(office.kim, call(office, title="Звонок в 15:00", due="сегодня 15:00"))
    tasks.create_task(office.kim, call(office, title="Звонок на завтра", due="завтра"))
    tasks.create_task(office.head, call(office, title="Поручение руководителя",
                                        responsible_id=office.kim.actor.employee_id))
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await today_loaded(pilot)
        text = screen_text(app)
        for title, symbol in (("Просроченный звонок", "▲"), ("Звонок в 15:00", "●"),
                              ("Звонок на завтра", "○"), ("Поручение руководителя", "★")):
            line = next(line for line in text.splitlines() if title in line)
            assert line.strip().startswith(symbol), line
        order = [text.index(s) for s in ("Новые поручения: 1", "Просрочено: 1", "Сегодня: 1",
                                         "Ближайшие: 1")]
        assert order == sorted(order)
        # The cursor starts on the first task, not on a section header.
        assert app.screen.query_one(PagedTable).current_row.row.title == "Поручение руководителя"


async def test_done_and_next_step_from_today_in_four_keys_beyond_the_text(
        office, sqlite_only_url, clock):
    task_id = tasks.create_task(office.kim, call(office, title="Звонок Смирнову",
                                                 due="сегодня"))
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await today_loaded(pilot)
        keys = await press_counting(pilot, "d")
        await wait_until(pilot, lambda: isinstance(app.screen, QuickLogForm)
                         and app.screen.focused is not None)
        keys += await press_counting(pilot, "2")  # «Договорились о встрече»
        await type_text(pilot, "Встреча у них")
        keys += await press_counting(pilot, "tab")
        await type_text(pilot, "пт 11:00")
        keys += await press_counting(pilot, "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen))
        assert keys <= 6
        done = Task.get_by_id(task_id)
        assert done.status == "done" and done.result.code == "meeting_agreed"
        assert done.result_note == "Встреча у них"
        following = Task.get(Task.id != task_id)
        assert following.status == "planned" and following.due_has_time
        assert following.due_at.astimezone(clock.zone) == dt.datetime(
            2026, 11, 27, 11, 0, tzinfo=clock.zone)
        await wait_until(pilot, lambda: "Записано" in screen_text(app))


async def test_a_russian_layout_key_works_the_same(office, sqlite_only_url, clock):
    tasks.create_task(office.kim, call(office, due="сегодня"))
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await today_loaded(pilot)
        await pilot.press("в")  # «d» in the Russian layout
        await wait_until(pilot, lambda: isinstance(app.screen, QuickLogForm))


async def test_postpone_from_today(office, sqlite_only_url, clock):
    task_id = tasks.create_task(office.kim, call(office, due="сегодня"))
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await today_loaded(pilot)
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, FieldForm)
                         and app.screen.focused is not None)
        await type_text(pilot, "+3")  # replaces the proposed «+1», selected on focus
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen))
        due = Task.get_by_id(task_id).due_at.astimezone(clock.zone).date()
        assert due == dt.date(2026, 11, 26)


async def test_a_bad_date_is_shown_at_its_field(office, sqlite_only_url, clock):
    task_id = tasks.create_task(office.kim, call(office, due="сегодня"))
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await today_loaded(pilot)
        await pilot.press("d", "1", "tab")
        await type_text(pilot, "когда-нибудь")
        await pilot.press("ctrl+s")
        form = app.screen
        await wait_until(pilot, lambda: form.query_one("#quick-log-due").parent.parent
                         .has_class("-invalid"))
        assert "«когда-нибудь»: напишите дату" in screen_text(app)
        assert Task.get_by_id(task_id).status == "planned"


# ---- the tree --------------------------------------------------------------------------------


async def test_done_when_project_from_template_three_calls_and_the_tree(
        office, sqlite_only_url, clock):
    supply_template(office.admin)
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen))
        app.push_screen(TaskTreeScreen(client=(office.romashka, "ООО «Ромашка»")))
        await wait_until(pilot, lambda: isinstance(app.screen, TaskTreeScreen))
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, FieldForm)
                         and app.screen.focused is not None)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, TaskTreeScreen)
                         and "Договор поставки" in screen_text(app))
        project = Task.get(Task.level == "project")
        assert "Телефонный звонок (выход на ЛПР)" in screen_text(app)

        # Three calls, each logged from the tree with its result: the cursor starts on the
        # project; after each log it stays on the logged call, and the follow-up is next.
        tree = app.screen.query_one("Tree")
        await pilot.press("down", "down")
        for digit, note in (("4", "Не берут трубку"), ("1", "Вышел на Смирнова"),
                            ("2", "Презентация в пятницу")):
            await wait_until(pilot, lambda: tree.cursor_node is not None
                             and tree.cursor_node.data.row.status == "planned")
            await pilot.press("d")
            await wait_until(pilot, lambda: isinstance(app.screen, QuickLogForm)
                             and app.screen.focused is not None)
            await pilot.press(digit)
            await type_text(pilot, note)
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda n=note: isinstance(app.screen, TaskTreeScreen)
                             and n in screen_text(app))
            await wait_until(pilot, lambda: tree.cursor_node is not None
                             and tree.cursor_node.data.row.status == "done")
            await pilot.press("down")

        await wait_until(pilot, lambda: "Презентация в пятницу" in screen_text(app))
        text = screen_text(app)
        for line in ("Не дозвонился — Не берут трубку", "Вышел на ЛПР — Вышел на Смирнова",
                     "Договорились о встрече — Презентация в пятницу"):
            assert line in text
        assert "%" in text.splitlines()[next(i for i, line in enumerate(text.splitlines())
                                             if "Проект: Договор поставки" in line)]
        sale = project_tree(office.kim, project.id, TreeFilter())[0]
        assert [n.row.status for n in sale.children][:4] == ["done", "done", "done", "planned"]
        presentation = sale.children[3].row
        assert presentation.title == "Первая презентация"

    # On the presentation's date it is in Today.
    clock.advance(presentation.due_at - clock.now() + dt.timedelta(hours=10))
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await today_loaded(pilot)
        text = screen_text(app)
        line = next(line for line in text.splitlines() if "Первая презентация" in line)
        assert line.strip().startswith("●") and "Договор поставки › Продажа" in line


async def test_tree_from_the_card_and_a_logged_contact_with_f6(office, sqlite_only_url, clock):
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen))
        app.push_screen(OrganizationCardScreen(office.romashka))
        await wait_until(pilot, lambda: isinstance(app.screen, OrganizationCardScreen)
                         and app.screen.card is not None)
        await pilot.press("f6")
        await wait_until(pilot, lambda: isinstance(app.screen, QuickLogForm)
                         and app.screen.focused is not None)
        await pilot.press("3")  # «Просили перезвонить»
        await type_text(pilot, "После обеда")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, OrganizationCardScreen))
        await pilot.press("f5")
        await wait_until(pilot, lambda: isinstance(app.screen, TaskTreeScreen)
                         and "После обеда" in screen_text(app))
        text = screen_text(app)
        assert "История взаимоотношений: ООО «Ромашка»" in text
        assert "Просили перезвонить — После обеда" in text
        assert "○" in text  # the follow-up call, two days on


async def test_the_path_is_shown_for_the_task_under_the_cursor(office, sqlite_only_url, clock):
    template = supply_template(office.admin)
    project = start_project(office.kim, template, {"organization_id": office.romashka})
    first = project_tree(office.kim, project, TreeFilter())[0].children[0].row
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen))
        app.push_screen(TaskTreeScreen(client=(office.romashka, "ООО «Ромашка»"),
                                       focus_task=first.id))
        await wait_until(pilot, lambda: "Договор поставки › Продажа › Телефонный звонок"
                         in screen_text(app))


async def test_tree_filter_by_status(office, sqlite_only_url, clock):
    template = supply_template(office.admin)
    project = start_project(office.kim, template, {"organization_id": office.romashka})
    first = project_tree(office.kim, project, TreeFilter())[0].children[0].row
    tasks.complete_task(office.kim, first.id, result_id("call", "decision_maker"), "Смирнов")
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen))
        app.push_screen(TaskTreeScreen(client=(office.romashka, "ООО «Ромашка»")))
        await wait_until(pilot, lambda: "Первая презентация" in screen_text(app))
        app.screen.query_one("#tree-status").value = "done"
        # The rebuilt tree holds the done call and no longer the planned presentation.
        await wait_until(pilot, lambda: "Вышел на ЛПР — Смирнов" in screen_text(app)
                         and "Первая презентация" not in screen_text(app))


async def test_star_unfolds_every_project_of_the_client(office, sqlite_only_url, clock):
    template = supply_template(office.admin)
    start_project(office.kim, template, {"organization_id": office.romashka})
    service = tasks.create_task(office.kim, {"level": "project", "title": "Сервисный договор",
                                             "organization_id": office.romashka})
    tasks.create_task(office.kim, call(office, title="Согласовать регламент"),
                      parent_id=service)
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen))
        app.push_screen(TaskTreeScreen(client=(office.romashka, "ООО «Ромашка»")))
        await wait_until(pilot, lambda: "Сервисный договор" in screen_text(app))
        # Two projects: both closed until asked.
        assert "Согласовать регламент" not in screen_text(app)
        assert "Первая презентация" not in screen_text(app)
        await pilot.press("asterisk")
        await wait_until(pilot, lambda: "Согласовать регламент" in screen_text(app)
                         and "Первая презентация" in screen_text(app))


# ---- clients with no next step ------------------------------------------------------------


async def test_clients_with_no_next_step_are_one_key_away(office, sqlite_only_url, clock):
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await pilot.press("shift+f5")
        await wait_until(pilot, lambda: isinstance(app.screen, NoNextStepScreen)
                         and "ООО «Ромашка»" in screen_text(app))
        assert "ООО «Вектор»" in screen_text(app)
        table = app.screen.query_one(PagedTable)
        await wait_until(pilot, lambda: table.current_row is not None)
        name = table.current_row.name
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: isinstance(app.screen, FieldForm)
                         and app.screen.focused is not None)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, NoNextStepScreen)
                         and name not in screen_text(app))


# ---- in English --------------------------------------------------------------------------


async def test_today_in_english(office, sqlite_only_url, clock):
    from ectui.i18n import set_language

    tasks.create_task(office.kim, call(office, due="20.11.2026"))
    set_language("en")
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await today_loaded(pilot)
        await wait_until(pilot, lambda: "Today, Monday 23.11.2026" in screen_text(app))
        text = screen_text(app)
        assert "Overdue: 1" in text and "Phone call" in text


def test_now_is_a_monday():
    assert NOW.weekday() == 0


# ---- giving tasks, the task form, templates, help -----------------------------------------


async def test_the_head_gives_a_task_from_today_and_it_is_new_for_the_manager(
        office, sqlite_only_url, clock):
    task_id = tasks.create_task(office.head, call(office, title="Звонок главбуху",
                                                  due="сегодня"))
    app = app_for(sqlite_only_url, clock, login="kuznetsova")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await today_loaded(pilot)
        await pilot.press("r")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "EmployeeChooser")
        options = app.screen.query_one("OptionList")
        options.highlighted = next(i for i in range(options.option_count)
                                   if "Ким" in str(options.get_option_at_index(i).prompt))
        await pilot.press("enter")
        await wait_until(pilot, lambda: Task.get_by_id(task_id).responsible_id
                         == office.kim.actor.employee_id)
        await wait_until(pilot, lambda: "Поручено: Ким Д. О." in screen_text(app))
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await today_loaded(pilot)
        line = next(line for line in screen_text(app).splitlines() if "Звонок главбуху" in line)
        assert line.strip().startswith("★")


async def test_a_new_task_with_a_participant_from_the_form(office, sqlite_only_url, clock):
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "TaskForm"
                         and app.screen.focused is not None)
        form = app.screen
        form.query_one("#f-title").focus()
        await type_text(pilot, "Обсудить скидку")
        form.query_one("#f-due").focus()
        await pilot.pause()
        await type_text(pilot, "пт 10:00")
        form.query_one("#f-participants").focus()
        await pilot.press("insert")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "EmployeeChooser")
        options = app.screen.query_one("OptionList")
        options.highlighted = next(i for i in range(options.option_count)
                                   if "Белова" in str(options.get_option_at_index(i).prompt))
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is form)
        await pilot.press("space")  # co-executor → consultant
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen))
        task = Task.get(Task.title == "Обсудить скидку")
        assert task.due_has_time
        assert [(p.employee.login, p.part) for p in task.participants] == [
            ("belova", "consultant")]


async def test_the_admin_adds_a_step_to_a_template(office, sqlite_only_url, clock):
    from screens.sales_templates import TemplatesScreen

    supply_template(office.admin)
    app = app_for(sqlite_only_url, clock, login="admin")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await pilot.press("shift+f12")
        await wait_until(pilot, lambda: isinstance(app.screen, TemplatesScreen)
                         and "Первая презентация" in screen_text(app))
        await pilot.press("enter")  # into the steps
        await pilot.press("down", "down")  # a call of «Продажа»
        await pilot.press("insert")
        await wait_until(pilot, lambda: isinstance(app.screen, FieldForm)
                         and app.screen.focused is not None)
        app.screen.query_one("#f-title").focus()
        await type_text(pilot, "Письмо с буклетом")
        app.screen.query_one("#f-offset_days").focus()
        await pilot.pause()
        await type_text(pilot, "5")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, TemplatesScreen)
                         and "Письмо с буклетом" in screen_text(app))
        text = screen_text(app)
        # Added right after the highlighted call, inside its stage.
        assert text.index("Продажа") < text.index("Письмо с буклетом") \
            < text.index("Первая презентация") < text.index("Этап: Договор")


async def test_a_manager_sees_templates_but_cannot_change_them(office, sqlite_only_url, clock):
    from screens.sales_templates import TemplatesScreen

    supply_template(office.admin)
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await pilot.press("shift+f12")
        await wait_until(pilot, lambda: isinstance(app.screen, TemplatesScreen)
                         and "Первая презентация" in screen_text(app))
        assert app.screen.check_action("new", ()) is None
        await pilot.press("insert")
        await pilot.pause(0.2)
        assert isinstance(app.screen, TemplatesScreen)


def test_every_help_key_of_the_tasks_is_translated():
    from ectui.i18n import catalog
    from screens.task_help import TASK_KEYS

    known = catalog()
    for section, keys in TASK_KEYS:
        assert section in known
        assert all(text in known for _key, text in keys)


async def test_the_head_opens_a_managers_tasks_in_the_tree(office, sqlite_only_url, clock):
    tasks.create_task(office.kim, call(office, title="Звонок Кима", due="завтра"))
    app = app_for(sqlite_only_url, clock, login="kuznetsova")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await pilot.press("f5")
        await wait_until(pilot, lambda: isinstance(app.screen, TaskTreeScreen)
                         and "Задачи: Кузнецова М. А." in screen_text(app))
        assert "Звонок Кима" not in screen_text(app)
        scope = app.screen.query_one("#tree-scope")
        await wait_until(pilot, lambda: any(
            value == f"employee:{office.kim.actor.employee_id}"
            for _label, value in scope._options))
        scope.value = f"employee:{office.kim.actor.employee_id}"
        await wait_until(pilot, lambda: "Звонок Кима" in screen_text(app)
                         and "Задачи: Ким Д. О." in screen_text(app))


async def test_f1_help_reads_on_an_80_column_terminal(office, sqlite_only_url, clock):
    import re

    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await pilot.press("f1")
        await wait_until(pilot, lambda: "эта справка" in screen_text(app))
        # The keys' column is as wide as the longest key, not as the longest section title.
        assert re.search(r"F1 {2,20}эта справка", screen_text(app))


async def test_today_on_an_80_column_terminal_shows_the_task_and_its_client(
        office, sqlite_only_url, clock):
    tasks.create_task(office.kim, call(office, title="Звонок по поставке", due="сегодня 15:00"))
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await today_loaded(pilot)
        line = next(row for row in screen_text(app).splitlines() if "15:00" in row)
        assert "Звонок по поставке" in line and "ООО «Ромашка»" in line, line


async def test_clients_with_no_next_step_on_an_80_column_terminal(office, sqlite_only_url, clock):
    from ectui.services.organizations import save_organization

    save_organization(office.admin, {"name": "ООО «Торговый дом «Медведь»»", "category": "client",
                                     "responsible_id": office.kim.actor.employee_id})
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await pilot.press("shift+f5")
        await wait_until(pilot, lambda: isinstance(app.screen, NoNextStepScreen)
                         and "ООО «Торговый дом «Медведь»»" in screen_text(app))


async def test_every_tree_filter_is_on_screen_at_80_columns(office, sqlite_only_url, clock):
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await pilot.press("f5")
        await wait_until(pilot, lambda: isinstance(app.screen, TaskTreeScreen))
        await pilot.pause(0.2)
        for selector in ("#tree-scope", "#tree-status", "#tree-type", "#tree-from", "#tree-to"):
            region = app.screen.query_one(selector).region
            assert region.width > 0 and region.right <= 80, (selector, region)


async def test_a_meeting_today_shows_when_it_starts_and_ends(office, sqlite_only_url, clock):
    tasks.create_task(office.kim, {"task_type_id": type_id_for_code("meeting"),
                                   "organization_id": office.romashka, "title": "Встреча на складе",
                                   "start": "сегодня 11:35", "due": "сегодня 12:30"})
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await today_loaded(pilot)
        line = next(row for row in screen_text(app).splitlines() if "Встреча на складе" in row)
        assert "11:35–12:30" in line, line


async def test_a_call_logged_in_one_burst_of_keys_keeps_its_note(office, sqlite_only_url, clock):
    # Over SSH «1 note Ctrl+S» can arrive as one burst: the note typed right after the
    # result must land in the note field, not in the result list it left.
    from tests.screens.test_typeahead import burst

    task_id = tasks.create_task(office.kim, call(office, due="сегодня"))
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await today_loaded(pilot)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, QuickLogForm)
                         and app.screen.focused is not None)
        burst(app, ["1", *"Вышли на Иванова", "ctrl+s"])
        await wait_until(pilot, lambda: Task.get_by_id(task_id).status == "done")
        assert Task.get_by_id(task_id).result_note == "Вышли на Иванова"
