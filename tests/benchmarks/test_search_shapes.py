"""The two ways ``ectui.search.matches`` writes a search find the same records in the same order.

Which one is used depends on how many records match (``_many_match``); it may only change the
speed, never the answer.
"""

from __future__ import annotations

from datetime import date

import pytest

import ectui.db
from benchmarks.generate import generate
from ectui import search
from ectui.services.contacts import ContactFilter, count_contacts, list_contacts
from ectui.services.organizations import (
    OrganizationFilter,
    count_organizations,
    list_organizations,
)

QUERIES = ["и", "ив", "иван", "ром", "ооо с", "74", "+7 495", "info", "ghjv", "семёнова"]


@pytest.fixture
def generated_logins(database, db_url):
    """The generated base's first login of each role."""
    logins = generate([db_url], 0.005, seed=2, today=date(2026, 11, 23))["logins"]
    ectui.db.bind(database)
    database.connect(reuse_if_open=True)
    search._DECISIONS.clear()
    yield logins
    search._DECISIONS.clear()


@pytest.fixture
def generated(generated_logins):
    return generated_logins


def _answers(monkeypatch, many: bool) -> list:
    monkeypatch.setattr(search, "_many_match", lambda *args: many)
    found = []
    for query in QUERIES:
        orgs, people = OrganizationFilter(query=query), ContactFilter(query=query)
        found.append((count_organizations(orgs), list_organizations(orgs, 0, 60),
                      list_organizations(orgs, 30, 60), count_contacts(people),
                      list_contacts(people, 0, 60)))
    return found


def test_both_shapes_find_the_same(generated, monkeypatch):
    few, many = _answers(monkeypatch, False), _answers(monkeypatch, True)
    assert few == many
    assert any(answer[0] > 60 for answer in few)  # the queries do reach past one page


def test_the_probe_tells_many_from_few(generated, monkeypatch):
    monkeypatch.setattr(search, "_MANY_AT_LEAST", 50)  # 3 % of this small base is 45
    assert search._many_match("contact", *_probe_sql("contact", "и"))
    assert not search._many_match("contact", *_probe_sql("contact", "семенова"))


def _probe_sql(table: str, word: str) -> tuple[str, str]:
    if ectui.db.is_sqlite():
        return f"SELECT 1 FROM {table}_fts WHERE {table}_fts MATCH ?", f'"{word}"*'
    return (f"SELECT 1 FROM {table} WHERE to_tsvector('simple', search_text) "
            f"@@ to_tsquery('simple', %s)", f"{word}:*")


# The Directory's pages on PostgreSQL (ectui.search_page) walk the name order in steps or
# fetch every match, as they judge cheaper: every way must give the page the condition gives.
PAGES = [(0, 60), (30, 60), (100, 25), (0, 500), (1400, 60)]
PAGE_QUERIES = [*QUERIES, "а", "7", "ооо се", "петрова м", "zzzz", "ghj dfy"]


def _expected(model, filtered, flt, offset: int, limit: int) -> list[int]:
    query = filtered(flt).order_by(model.sort_key, model.id).offset(offset).limit(limit)
    return [row.id for row in query]


def _pages(viewers) -> list:
    from ectui.models import Contact, Organization
    from ectui.services import contacts, organizations

    listed = []
    for viewer in viewers:
        for query in PAGE_QUERIES:
            for offset, limit in PAGES:
                orgs = OrganizationFilter(query=query, viewer=viewer)
                people = ContactFilter(query=query, viewer=viewer)
                listed.append((
                    [row.id for row in list_organizations(orgs, offset, limit)],
                    _expected(Organization, organizations._filtered, orgs, offset, limit),
                    [row.id for row in list_contacts(people, offset, limit)],
                    _expected(Contact, contacts._filtered, people, offset, limit)))
    return listed


@pytest.mark.parametrize("strategy", ["as chosen", "short steps only", "fetch first",
                                      "fetch refused, then steps"])
def test_every_way_to_a_page_finds_the_same(generated_logins, monkeypatch, strategy):
    from ectui import search_page
    from ectui.services.employees import actor_for_login

    search_page._FETCHED.clear()
    search_page._WALKED.clear()
    if strategy != "as chosen":
        monkeypatch.setattr(search_page, "FIRST_STEP", 7)
        monkeypatch.setattr(search_page, "MAX_STEP_GROWTH", 2)
    if strategy == "short steps only":  # every fetch refused: too many matches
        monkeypatch.setattr(search_page, "FETCH_CAP_SHARE", (0, 0))
        monkeypatch.setattr(search_page, "FETCH_CAP_AT_LEAST", 1)
    if strategy in ("fetch first", "fetch refused, then steps"):
        # Every query taken for one typed on from the last fetched: fetched first. (Not from
        # the last walked: that one's matches would be taken for a superset of these.)
        monkeypatch.setattr(search_page, "_narrower", lambda *args: True)
        monkeypatch.setattr(search_page, "_walked_before", lambda *args: None)
    if strategy == "fetch refused, then steps":
        monkeypatch.setattr(search_page, "FETCH_CAP_SHARE", (0, 0))
        monkeypatch.setattr(search_page, "FETCH_CAP_AT_LEAST", 3)
    viewers = [None] + [actor_for_login(generated_logins[role])
                        for role in ("director", "head", "manager")]
    for found_orgs, orgs, found_people, people in _pages(viewers):
        assert found_orgs == orgs
        assert found_people == people


def test_a_text_with_other_characters_is_tested_in_full(database):
    """PostgreSQL's parser splits words at «²» (Python counts it a digit), so «x²yz» has
    the word «yz»: the walk's cheap LIKE would miss it, and must leave it to the full test."""
    from ectui import search, search_page
    from ectui.models import Organization
    from ectui.services.organizations import save_organization
    from tests.ectui.helpers import admin_context

    ctx = admin_context()
    odd = save_organization(ctx, {"name": "Первая"})
    save_organization(ctx, {"name": "Вторая"})
    Organization.update(search_text="x²yz первая").where(Organization.id == odd).execute()
    assert [row.id for row in list_organizations(OrganizationFilter(query="yz"), 0, 10)] \
        == ([] if ectui.db.is_sqlite() else [odd])  # FTS5 keeps «x²yz» one word
    if not ectui.db.is_sqlite():
        base = Organization.select()
        assert search_page.page_ids(base, Organization, search.term_groups("yz"), 0, 10) \
            == [odd]


def _typed_on(query: str) -> list[str]:
    return [query[:length] for length in range(1, len(query) + 1)]


def test_typing_on_from_a_walk_finds_the_same_pages(generated_logins, monkeypatch):
    """A keystroke typed on from a walked query starts from that walk's matches
    (``search_page._WALKED``) and walks on from where it ended: every prefix's page is still
    the one its condition gives."""
    from ectui import search_page
    from ectui.models import Contact, Organization
    from ectui.services import contacts, organizations
    from ectui.services.employees import actor_for_login

    search_page._FETCHED.clear()
    search_page._WALKED.clear()
    monkeypatch.setattr(search_page, "FIRST_STEP", 7)
    monkeypatch.setattr(search_page, "MAX_STEP_GROWTH", 2)
    for viewer in (None, actor_for_login(generated_logins["manager"])):
        for offset, limit in ((0, 30), (10, 50)):
            for query in PAGE_QUERIES:
                for prefix in _typed_on(query):
                    orgs = OrganizationFilter(query=prefix, viewer=viewer)
                    people = ContactFilter(query=prefix, viewer=viewer)
                    assert ([row.id for row in list_organizations(orgs, offset, limit)]
                            == _expected(Organization, organizations._filtered, orgs, offset,
                                         limit)), prefix
                    assert ([row.id for row in list_contacts(people, offset, limit)]
                            == _expected(Contact, contacts._filtered, people, offset,
                                         limit)), prefix


def test_a_record_changed_between_two_keystrokes_is_tested_again(generated_logins,
                                                                 monkeypatch):
    """The walk remembered from «ив» is not taken on trust for «ива»: a person renamed in
    between so that they no longer match is not on the page."""
    from ectui import search_page
    from ectui.models import Contact
    from ectui.services import contacts

    search_page._FETCHED.clear()
    search_page._WALKED.clear()
    monkeypatch.setattr(search_page, "FIRST_STEP", 7)
    monkeypatch.setattr(search_page, "FETCH_CAP_SHARE", (0, 0))  # every fetch refused: walks
    monkeypatch.setattr(search_page, "FETCH_CAP_AT_LEAST", 1)
    first = [row.id for row in list_contacts(ContactFilter(query="ив"), 0, 20)]
    renamed = next(row.id for row in list_contacts(ContactFilter(query="ива"), 0, 20))
    assert renamed in first
    Contact.update(last_name="Яшин", first_name="Ян", patronymic="", search_text="яшин ян") \
        .where(Contact.id == renamed).execute()
    again = [row.id for row in list_contacts(ContactFilter(query="иван"), 0, 20)]
    assert renamed not in again
    assert again == _expected(Contact, contacts._filtered, ContactFilter(query="иван"), 0, 20)


def test_a_record_saved_between_two_keystrokes_is_on_the_next_page(database):
    """«ром» walked and found nothing; «Ромашка» is saved; «рома» must find it, not take the
    empty walk on trust (a write since the walk makes it forgotten)."""
    from ectui import search_page
    from ectui.services.organizations import save_organization
    from tests.ectui.helpers import admin_context

    search_page._FETCHED.clear()
    search_page._WALKED.clear()
    ctx = admin_context()
    save_organization(ctx, {"name": "ООО «Лютик»"})
    assert list_organizations(OrganizationFilter(query="ром"), 0, 10) == []
    saved = save_organization(ctx, {"name": "ООО «Ромашка»"})
    assert [row.id for row in list_organizations(OrganizationFilter(query="рома"), 0, 10)] \
        == [saved]
