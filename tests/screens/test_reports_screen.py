"""The Reports screen as the head of sales uses it: the funnel of a period, then a manager's
funnel beside the reference funnel; ABC with its chart; export to XLSX."""

from __future__ import annotations

from textual.widgets import DataTable

from ectui.models import Employee
from ectui.session import open_session
from screens.app import EctuiApp
from screens.forms.field_form import FieldForm
from screens.reports import ReportsScreen
from tests.ectui.access_helpers import build_team
from tests.ectui.report_helpers import funnel_dataset
from tests.screens.test_forms import screen_text, type_text, wait_until


def _rows(screen: ReportsScreen, number: int = 0) -> list[list[str]]:
    grid = screen.query_one(f"#report-table-{number}", DataTable)
    return [[str(cell) for cell in grid.get_row_at(i)] for i in range(grid.row_count)]


async def _computed(pilot, screen: ReportsScreen, before) -> None:
    await wait_until(pilot, lambda: screen.result is not None and screen.result is not before
                     and screen.query("#report-table-0"), timeout=10)
    await pilot.pause(0.1)


async def test_funnel_beside_the_reference_at_80x24(sqlite_database, sqlite_only_url,
                                                    tmp_path):
    team = build_team()
    funnel_dataset(team)
    kim = Employee.get(Employee.login == "kim").id
    app = EctuiApp(open_session(sqlite_only_url, login="admin", clock=team.clock))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("f8")
        await wait_until(pilot, lambda: isinstance(app.screen, ReportsScreen))
        screen = app.screen
        await _computed(pilot, screen, None)
        # The period: November.
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FieldForm))
        await pilot.press("tab", "tab", "tab", "tab")
        await type_text(pilot, "01.11.2026")
        await pilot.press("tab")
        await type_text(pilot, "30.11.2026")
        before = screen.result
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is screen)
        await _computed(pilot, screen, before)
        assert [[row[i] for i in (0, 1, 2, 5)] for row in _rows(screen)] == [
            ["Холодные звонки", "4", "75.0", "3.7"], ["Презентация / встреча", "4", "100.0", "3.0"],
            ["Коммерческое предложение", "4", "50.0", "2.5"], ["Договор", "2", "100.0", "6.0"],
            ["Оплата", "2", "—", "—"]]
        assert "01.11.2026–30.11.2026" in screen_text(app)
        # M: the next employee's funnel beside the reference, until it is Ким's.
        for _ in range(8):
            before = screen.result
            await pilot.press("m")
            await _computed(pilot, screen, before)
            if screen.filter.employee_id == kim:
                break
        assert screen.filter.date_from is not None  # the period stayed
        calls = _rows(screen)[0]
        assert calls == ["Холодные звонки", "1", "100.0", "▲", "+25.0", "3.0", "-0.7", "4",
                         "75.0", "3.7"]
        text = screen_text(app)
        assert "Ким Д." in text
        # The chart: Ким's clients inside the reference's, step by step — every step, the
        # last one too, although the legend took a line.
        assert "1 / 4" in text and "1 / 2" in text
        chart = text.split("Воронка продаж и эталонная воронка")[1]
        assert "Оплата" in chart.split("Ступень")[0]
        # ABC of the same period, and its export.
        before = screen.result
        await pilot.press("2")
        await _computed(pilot, screen, before)
        assert _rows(screen)[0][1:] == ["ООО «Ромашка»", "150 000,00", "100.0", "100.0", "A"]
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, FieldForm))
        form = app.screen
        path = tmp_path / "abc.xlsx"
        from textual.widgets import Input

        form.query_one(Input).value = str(path)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: path.exists())
        from openpyxl import load_workbook

        sheet = load_workbook(path).worksheets[0]
        assert [c.value for c in sheet[2]] == [1, "ООО «Ромашка»", 150000, 100, 100, "A"]


async def test_a_trainee_is_told_reports_are_not_for_their_role(sqlite_database,
                                                                 sqlite_only_url):
    team = build_team()
    app = EctuiApp(open_session(sqlite_only_url, login="gusev", clock=team.clock))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("f8")
        await wait_until(pilot, lambda: isinstance(app.screen, ReportsScreen))
        await wait_until(pilot, lambda: "отч" in screen_text(app) and "Стажёр" in screen_text(app))
        assert app.screen.result is None
        assert app.screen.check_action("export", ()) is None  # greyed: nothing to export
