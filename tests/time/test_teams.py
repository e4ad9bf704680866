"""Teams (funnel.teams) and goals per team (funnel.goals), figures worked out by hand.

The goals fixture's company (tests/time/test_goals.py: March 2026, 22 working days, 7 elapsed
by Tuesday 10 March, 15 left) plus Carl: lead L4 (channel A) on 4 March, won W4 1 000 on 6 March.
As of 10 March, per owner: Anna 2 leads, 1 win, 3 000 (W3 on 20 March is later); Boris 1 lead,
1 win, 2 000; Carl 1 lead, 1 win, 1 000.
Teams: North = Anna + Boris (+ Dana, who has no data); South = Carl.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from funnel import goals, teams
from funnel.errors import AccessDenied, ValidationError
from funnel.filters import Filters
from tests.conftest import insert
from tests.time.test_goals import EDITOR, MARCH, TODAY, VIEWER, company  # noqa: F401 - the fixture

NORTH_SOUTH = [
    {"owner": "Anna", "team": "North"},
    {"owner": "Boris", "team": "North"},
    {"owner": "Dana", "team": "North"},
    {"owner": "Carl", "team": "South"},
]


@pytest.fixture
def teamed(store, company):  # noqa: F811 - the goals fixture, imported
    ws = company
    insert(store, ws, "leads", [{"lead_id": "L4", "created_at": datetime(2026, 3, 4), "channel": "A", "owner": "Carl"}])
    deal = {"deal_id": "W4", "lead_id": "L4", "stage": "Deal done", "amount": 1000, "created_at": datetime(2026, 3, 4)}
    insert(store, ws, "deals", [{**deal, "closed_at": datetime(2026, 3, 6)}])
    with store.transaction() as cur:
        teams.save_teams(cur, ws, NORTH_SOUTH, actor=EDITOR)
    return ws


def pace(store, ws, rows):
    with store.transaction() as cur:
        goals.save_goals(cur, ws, MARCH, rows, actor=EDITOR)
    with store.cursor() as cur:
        df = goals.pacing(cur, filters=Filters(ws), month=MARCH, today=TODAY)
    return {(r["dimension"], r["member"], r["metric"]): r for r in df.to_dict("records")}


@pytest.mark.parametrize(
    ("key", "target", "actual", "expected", "needed"),
    [
        # North = Anna 3 000 + Boris 2 000 (Dana none); expected 22 000 × 7 ÷ 22; (22 000 − 5 000) ÷ 15
        pytest.param(("team", "North", "revenue"), 22000, 5000, 7000, 17000 / 15, id="north-revenue-two-owners"),
        # wins: Anna 1 + Boris 1; expected 4 × 7 ÷ 22; (4 − 2) ÷ 15
        pytest.param(("team", "North", "won"), 4, 2, 28 / 22, 2 / 15, id="north-won"),
        # leads: Anna 2 + Boris 1 = 3 of 3: met
        pytest.param(("team", "North", "leads"), 3, 3, 21 / 22, 0.0, id="north-leads-met"),
        pytest.param(("team", "South", "revenue"), 2200, 1000, 700, 1200 / 15, id="south-one-owner"),
        pytest.param(("team", "Ghost", "revenue"), 1500, 0, 1500 * 7 / 22, 100, id="team-nobody-is-in"),
        # the whole company: 6 000 (North + South), not North's 5 000
        pytest.param(("total", "", "revenue"), 22000, 6000, 7000, 16000 / 15, id="total-is-every-owner"),
    ],
)
def test_team_pacing_by_hand(store, teamed, key, target, actual, expected, needed):
    dim, member, metric = key
    r = pace(store, teamed, [{"dimension": dim, "member": member, "metric": metric, "target": target}])[key]
    assert r["actual"] == pytest.approx(actual)
    assert r["expected"] == pytest.approx(expected)
    assert r["gap"] == pytest.approx(actual - expected)
    assert r["needed_per_day"] == pytest.approx(needed)


def test_moving_an_owner_moves_the_team_figure(store, teamed):
    goal = [{"dimension": "team", "member": "South", "metric": "revenue", "target": 2200}]
    assert pace(store, teamed, goal)[("team", "South", "revenue")]["actual"] == pytest.approx(1000)
    with store.transaction() as cur:  # Boris moves to South: 1 000 + 2 000
        teams.save_teams(
            cur, teamed, [{"owner": "Boris", "team": "South"}, {"owner": "Carl", "team": "South"}], actor=EDITOR
        )
    assert pace(store, teamed, goal)[("team", "South", "revenue")]["actual"] == pytest.approx(3000)


def test_the_mapping_reads_back_and_groups(store, teamed):
    with store.cursor() as cur:
        mapping = teams.teams(cur, teamed)
    assert mapping == {"Anna": "North", "Boris": "North", "Dana": "North", "Carl": "South"}
    assert teams.members(mapping) == {"North": ["Anna", "Boris", "Dana"], "South": ["Carl"]}


@pytest.mark.parametrize(
    ("rows", "key", "row"),
    [
        pytest.param([{"owner": "Anna", "team": ""}], "teams.err.team", 1, id="owner-without-team"),
        pytest.param(
            [{"owner": "Anna", "team": "N"}, {"owner": None, "team": "N"}],
            "teams.err.owner",
            2,
            id="team-without-owner",
        ),
        pytest.param(
            [{"owner": "Anna", "team": "N"}, {"owner": " Anna ", "team": "S"}],
            "teams.err.twice",
            2,
            id="an-owner-in-two-teams",
        ),
        pytest.param([{"owner": "Anna", "team": "x" * 201}], "teams.err.long", 1, id="team-name-too-long"),
    ],
)
def test_bad_rows_are_refused_naming_the_row(store, teamed, rows, key, row):
    with pytest.raises(ValidationError) as exc, store.transaction() as cur:
        teams.save_teams(cur, teamed, rows, actor=EDITOR)
    assert exc.value.key == key and exc.value.params["row"] == row
    assert f"row {row}" in str(exc.value)
    with store.cursor() as cur:  # all or nothing: the mapping before stays
        assert teams.teams(cur, teamed)["Carl"] == "South"


def test_blank_rows_are_dropped_and_an_empty_table_clears_the_teams(store, teamed):
    with store.transaction() as cur:
        n = teams.save_teams(
            cur, teamed, [{"owner": None, "team": None}, {"owner": "Carl", "team": " East "}], actor=EDITOR
        )
        assert n == 1 and teams.teams(cur, teamed) == {"Carl": "East"}
        assert teams.save_teams(cur, teamed, [], actor=EDITOR) == 0 and teams.teams(cur, teamed) == {}


def test_a_viewer_cannot_set_teams(store, teamed):
    with pytest.raises(AccessDenied), store.transaction() as cur:
        teams.save_teams(cur, teamed, [{"owner": "Anna", "team": "X"}], actor=VIEWER)


def test_a_hand_edited_value_that_is_not_a_mapping_reads_as_no_teams(store, teamed):
    with store.transaction() as cur:
        cur.execute(
            "UPDATE workspace_settings SET value = '[1, 2]' WHERE workspace_id = ? AND key = ?", [teamed, teams.SETTING]
        )
    with store.cursor() as cur:
        assert teams.teams(cur, teamed) == {}
    assert teams.problem([1, 2]) == "an object of owner → team expected, got list"


def test_settings_table_saves_or_refuses_and_the_goals_tab_names_the_team(app_db):
    """Under AppTest, in both languages: the Settings page's «Teams» table saves an owner → team
    mapping (or refuses a row without a team, naming it); the Time page's goals tab paces the
    team's goal and says who is in it."""
    from datetime import date

    from funnel.access import CLI_USER
    from funnel.i18n import t
    from funnel.periods import month_start
    from tests.dataui.helpers import at_page, new_app, own_workspace, texts
    from ui.store import get_store

    at = new_app()
    ws = own_workspace(at)
    store = get_store()
    today = date.today()
    insert(
        store,
        ws,
        "leads",
        [
            {"lead_id": f"L{i}", "created_at": datetime(today.year, today.month, 1), "channel": "A", "owner": o}
            for i, o in enumerate(("Anna", "Boris", "Carl"))
        ],
    )
    grid = f"settings_teams_{ws}"
    for lang in ("ru", "en"):
        at = at_page(at, "pages/settings.py", lang)
        at.session_state[grid] = {
            "edited_rows": {},
            "deleted_rows": [],
            "added_rows": [{"owner": "Anna", "team": None}],
        }
        at.button(key="settings_teams_save").click().run()
        assert texts(at.error) == [t("teams.err.team", lang, row=1)]
        with store.cursor() as cur:
            assert teams.teams(cur, ws) == {}
    at.session_state[grid] = {
        "edited_rows": {},
        "deleted_rows": [],
        "added_rows": [{"owner": "Anna", "team": "North"}, {"owner": "Boris", "team": "North"}],
    }
    at.button(key="settings_teams_save").click().run()
    assert texts(at.success) == ["Teams saved: 2 owners."]
    with store.cursor() as cur:
        assert teams.teams(cur, ws) == {"Anna": "North", "Boris": "North"}
    assert list(at.dataframe(key=grid).value["team"]) == ["North", "North"]  # the grid starts from what was saved
    with store.transaction() as cur:
        goals.save_goals(
            cur,
            ws,
            month_start(today),
            [{"dimension": "team", "member": "North", "metric": "leads", "target": 10}],
            actor=CLI_USER,
        )
    at.switch_page("pages/time.py")
    for lang in ("en", "ru"):
        if at.radio(key="lang").value != lang:
            at.radio(key="lang").set_value(lang).run()
        at.session_state["tm_tab"] = t("tm.tab.goals", lang)
        at.run()
        assert not at.exception, at.exception
        table = next(d.value for d in at.dataframe if t("tm.goals.col.expected", lang) in d.value.columns)
        row = table.iloc[0]
        assert row[t("tm.goals.col.who", lang)] == f"{t('tm.goals.dim.team', lang)}: North"
        assert row[t("tm.goals.col.actual", lang)] == "2"  # Anna's and Boris's leads, not Carl's
        assert t("tm.goals.teams", lang, teams="North — Anna, Boris") in texts(at.caption)


# ---- a team column in the uploaded file (funnel.teams.from_data) --------------------------------
def _load(store, ws, tmp_path, name: str, kind: str, header: str, rows: list[tuple[str, str, str]]):
    """``rows`` (id, owner, team) as a CSV with the team under ``header``, through the real loader
    (deals open, in January 2025)."""
    from funnel.ingest.loader import load

    id_col, extra = ("lead_id", "") if kind == "leads" else ("deal_id", ";status")
    value = "" if kind == "leads" else ";open"
    lines = [f"{id_col};created_at;owner;{header}{extra}"] + [
        f"{i};2025-01-0{n + 1};{o};{t}{value}" for n, (i, o, t) in enumerate(rows)
    ]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load(store, path, name, kind, workspace_id=ws, actor=EDITOR)


@pytest.mark.parametrize(
    ("kind", "header"),
    [
        pytest.param("leads", "Отдел", id="amocrm-otdel-leads"),
        pytest.param("deals", "Подразделение", id="bitrix24-podrazdelenie-deals"),
        pytest.param("deals", "Team", id="hubspot-pipedrive-team-deals"),
    ],
)
def test_a_files_team_column_gives_each_owner_a_team(store, ws, tmp_path, kind, header):
    """The upload's mapping takes the column as the team; each owner gets the team of the file's
    last row naming them (Anna: North, then South in row 3 → South); a blank team names none."""
    result = _load(
        store,
        ws,
        tmp_path,
        "teams.csv",
        kind,
        header,
        [("X1", "Anna", "North"), ("X2", "Boris", "North"), ("X3", "Anna", "South"), ("X4", "Carl", "")],
    )
    assert result.details["mapping"]["team"] == header
    with store.cursor() as cur:
        assert teams.from_data(cur, ws) == {"Anna": "South", "Boris": "North"}
        assert teams.owner_teams(cur, ws) == {"Anna": "South", "Boris": "North"}
        assert teams.teams(cur, ws) == {}  # Settings untouched: the data's teams are not typed ones


def test_settings_win_and_the_latest_upload_not_undone_names_the_team(store, ws, tmp_path):
    """Upload 1: Anna North, Carl South; upload 2 (later): Carl West. Settings: Anna East.
    Anna → East (Settings win), Carl → West (the later upload); upload 2 undone → Carl South."""
    from funnel.ingest.history import undo_upload

    _load(store, ws, tmp_path, "a.csv", "leads", "Отдел", [("A1", "Anna", "North"), ("A2", "Carl", "South")])
    second = _load(store, ws, tmp_path, "b.csv", "deals", "Team", [("D1", "Carl", "West")])
    with store.transaction() as cur:
        teams.save_teams(cur, ws, [{"owner": "Anna", "team": "East"}], actor=EDITOR)
    with store.cursor() as cur:
        assert teams.owner_teams(cur, ws) == {"Anna": "East", "Carl": "West"}
    undo_upload(store, ws, second.upload_id, actor=EDITOR)
    with store.cursor() as cur:
        assert teams.from_data(cur, ws) == {"Anna": "North", "Carl": "South"}
        assert teams.owner_teams(cur, ws) == {"Anna": "East", "Carl": "South"}


def test_team_pacing_from_the_files_teams(store, company, tmp_path):  # noqa: F811 - the goals fixture
    """The goals fixture's company with no Settings mapping, its teams from an uploaded file
    (leads of January 2025, outside March): North = Anna 3 000 + Boris 2 000, as with Settings."""
    _load(store, company, tmp_path, "t.csv", "leads", "Отдел", [("T1", "Anna", "North"), ("T2", "Boris", "North")])
    row = pace(store, company, [{"dimension": "team", "member": "North", "metric": "revenue", "target": 22000}])
    row = row[("team", "North", "revenue")]
    assert float(row["actual"]) == 5000
    assert float(row["expected"]) == pytest.approx(7000)
    assert float(row["needed_per_day"]) == pytest.approx(17000 / 15)


def test_the_goals_tab_paces_a_team_the_uploaded_file_names(app_db, tmp_path):
    """Under AppTest, in both languages: leads uploaded with an «Отдел» column (no Settings
    mapping) put Anna and Boris in North; the goals tab paces North's goal on their leads (2, not
    Carl's) and says who is in it."""
    from datetime import date

    from funnel.access import CLI_USER
    from funnel.i18n import t
    from funnel.ingest.loader import load
    from funnel.periods import month_start
    from tests.dataui.helpers import new_app, own_workspace, texts
    from ui.store import get_store

    at = new_app()
    ws = own_workspace(at)
    store = get_store()
    first = month_start(date.today())
    path = tmp_path / "leads.csv"
    rows = [("L0", "Anna", "North"), ("L1", "Boris", "North"), ("L2", "Carl", "South")]
    path.write_text(
        "ID;Дата создания;Ответственный;Отдел;Источник\n"
        + "".join(f"{i};{first:%d.%m.%Y};{o};{team};A\n" for i, o, team in rows),
        encoding="utf-8",
    )
    load(store, path, "leads.csv", "leads", workspace_id=ws, actor=CLI_USER)
    with store.transaction() as cur:
        goals.save_goals(
            cur, ws, first, [{"dimension": "team", "member": "North", "metric": "leads", "target": 10}], actor=CLI_USER
        )
    at.switch_page("pages/time.py")
    for lang in ("en", "ru"):
        if at.radio(key="lang").value != lang:
            at.radio(key="lang").set_value(lang).run()
        at.session_state["tm_tab"] = t("tm.tab.goals", lang)
        at.run()
        assert not at.exception, at.exception
        table = next(d.value for d in at.dataframe if t("tm.goals.col.expected", lang) in d.value.columns)
        row = table.iloc[0]
        assert row[t("tm.goals.col.who", lang)] == f"{t('tm.goals.dim.team', lang)}: North"
        assert row[t("tm.goals.col.actual", lang)] == "2"  # Anna's and Boris's leads, not Carl's
        assert t("tm.goals.teams", lang, teams="North — Anna, Boris") in texts(at.caption)


def test_the_files_teams_travel_with_the_workspace_and_go_with_its_data(store, ws, tmp_path):
    """The pairs live in the upload's record: an exported and imported workspace has them, and
    clearing the workspace's data clears them."""
    from funnel.access import CLI_USER
    from funnel.portable import export_workspace, import_workspace
    from funnel.workspace import clear_data

    _load(store, ws, tmp_path, "a.csv", "leads", "Отдел", [("A1", "Anna", "Север"), ("A2", "Carl", "Юг")])
    with store.transaction() as cur:
        export_workspace(cur, ws, tmp_path / "ws.zip", actor=CLI_USER)
        copy = import_workspace(cur, tmp_path / "ws.zip", actor=CLI_USER, name="Copy")
    with store.transaction() as cur:
        assert teams.from_data(cur, copy.id) == {"Anna": "Север", "Carl": "Юг"}
        clear_data(cur, ws)
        assert teams.from_data(cur, ws) == {}
