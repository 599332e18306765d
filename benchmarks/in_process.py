"""Measurements made in the benchmark's own process: services and their raw SQL.

These are the floors the app's figures are divided by, and the service-level figures for
what the UI does not show on its own yet. Every call is made the way the screens make it:
with the same filters and the same viewer (whose rights limit the lists).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time

from dateutil import tz
from peewee import fn

from benchmarks.floors import raw_time, timed
from benchmarks.queries import chosen, typed_prefixes
from benchmarks.stats import summary
from ectui.clock import FixedClock
from ectui.models import Contact, Organization
from ectui.services.cards import organization_card
from ectui.services.contacts import ContactFilter, list_contacts
from ectui.services.context import Context
from ectui.services.employees import actor_for_login
from ectui.services.organizations import (
    OrganizationFilter,
    list_organizations,
)

PAGE = 200  # rows in a page of the Directory's PagedTable
ZONE = tz.gettz("Europe/Moscow")


def context_for(login: str, today: date) -> Context:
    """The session of ``login`` at 10:00 on the generated data's last day, Moscow time."""
    actor = actor_for_login(login)
    if actor is None:
        raise RuntimeError(f"no employee with the login {login!r}")
    return Context(actor, FixedClock(datetime.combine(today, time(10, 0)), zone=ZONE))


def first_screen_marker(ctx: Context) -> str:
    """Text the start screen (Today) draws only once its list has data: the beginning of
    the first task's title (the column is wider than 18 cells)."""
    from ectui.services import today

    items = [item for item in today.today_items(ctx, 0, 5) if hasattr(item, "row")]
    if not items:
        raise RuntimeError(f"{ctx.actor.login} has an empty Today list: nothing to wait for")
    return items[0].row.title[:18]


def keystroke_work(ctx: Context, tab: str, prefix: str):
    """What the Directory runs for one keystroke before it shows the results: the first
    page (a full page is counted afterwards, while the user reads or types on)."""
    if tab == "organizations":
        flt = OrganizationFilter(query=prefix, viewer=ctx.actor)
        return lambda: list_organizations(flt, 0, PAGE)
    flt = ContactFilter(query=prefix, viewer=ctx.actor)
    return lambda: list_contacts(flt, 0, PAGE)


def search_floors(ctx: Context, searches: int | None = None) -> list[dict]:
    """Raw SQL and service time of every typed prefix, in milliseconds."""
    rows = []
    for tab, query in chosen(searches):
        for prefix in typed_prefixes(query):
            work = keystroke_work(ctx, tab, prefix)
            rows.append({"tab": tab, "prefix": prefix,
                         "raw_ms": round(raw_time(work) * 1000, 3),
                         "service_ms": round(timed(work) * 1000, 3)})
    return rows


def card_sample(seed: int, count: int) -> list[int]:
    """Organizations whose cards are opened: those with the most people, and random ones."""
    rng = random.Random(seed)
    top = Organization.select(fn.MAX(Organization.id)).scalar() or 1
    biggest = [row.organization_id for row in
               Contact.select(Contact.organization).where(Contact.organization.is_null(False))
               .group_by(Contact.organization)
               .order_by(fn.COUNT(Contact.id).desc(), Contact.organization)
               .limit(max(1, count // 4))]
    picked = list(dict.fromkeys(biggest))
    while len(picked) < min(count, top):
        candidate = rng.randint(1, top)
        if candidate not in picked:
            picked.append(candidate)
    return picked


def _tasks_available() -> bool:
    try:
        import ectui.services.task_tree  # noqa: F401
    except ImportError:
        return False
    return True


def card_with_tree(ctx: Context, org_id: int):
    """The card and the client's whole relationship history: every project unfolded (as
    «*» unfolds them in the tree, in one read), and the first page of the tasks outside
    projects."""
    from ectui.services import task_tree

    card = organization_card(org_id, ctx.actor)
    scope, everything = task_tree.TreeScope("client", org_id), task_tree.TreeFilter()
    roots = task_tree.tree_roots(ctx, scope, everything)
    trees = list(task_tree.project_trees(
        ctx, [node.row.id for node in roots.projects], everything).values())
    loose = task_tree.standalone(ctx, scope, everything, 0, PAGE)
    return card, roots, trees, loose


def card_floors(ctx: Context, org_ids: list[int]) -> dict:
    """The card alone and the card with its task tree: service and raw SQL, in ms."""
    figures: dict[str, list[float]] = {"card_service": [], "card_raw": [],
                                       "tree_service": [], "tree_raw": []}
    sizes = []
    with_tree = _tasks_available()
    for org_id in org_ids:
        card = lambda org_id=org_id: organization_card(org_id, ctx.actor)  # noqa: E731
        figures["card_service"].append(timed(card) * 1000)
        figures["card_raw"].append(raw_time(card) * 1000)
        if with_tree:
            tree = lambda org_id=org_id: card_with_tree(ctx, org_id)  # noqa: E731
            figures["tree_service"].append(timed(tree) * 1000)
            figures["tree_raw"].append(raw_time(tree) * 1000)
            _card, roots, trees, _loose = tree()
            sizes.append(len(roots.projects) + sum(_count(t) for t in trees)
                         + roots.standalone_count)
    result = {"card_service_ms": summary(figures["card_service"]),
              "card_raw_ms": summary(figures["card_raw"])}
    if with_tree:
        result.update({"with_tree_service_ms": summary(figures["tree_service"]),
                       "with_tree_raw_ms": summary(figures["tree_raw"]),
                       "tasks_per_card": summary(sizes)})
    return result


def _count(nodes) -> int:
    return sum(1 + _count(node.children) for node in nodes)


def today_floors(ctx: Context) -> dict:
    """The Today list as a paged list asks for it: its length, then its first page."""
    from ectui.services import today

    work = lambda: (today.today_length(ctx), today.today_items(ctx, 0, PAGE))  # noqa: E731
    return {"employee": ctx.actor.login, "sections": today.today_counts(ctx),
            "service_ms": round(timed(work, repeat=5) * 1000, 2),
            "raw_ms": round(raw_time(work, repeat=5) * 1000, 2)}


def report_floors(ctx: Context) -> dict:
    """The sales funnel and the ABC analysis over all the data, as the director asks."""
    from ectui.services.reports import abc, funnel

    result = {}
    for name, work in (("funnel", lambda: funnel.sales_funnel(ctx)),
                       ("abc", lambda: abc.abc_analysis(ctx))):
        result[name] = {"service_ms": round(timed(work, repeat=3) * 1000, 1),
                        "raw_ms": round(raw_time(work, repeat=3) * 1000, 1)}
    made = funnel.sales_funnel(ctx)
    result["funnel"]["clients"] = made.clients
    result["abc"]["clients"] = len(abc.abc_analysis(ctx).rows)
    return result
