"""An ad platform's spend export takes the channel spelling the workspace's leads already use
(funnel.ingest.platforms), on both engines: on PostgreSQL the file is checked in a scratch DuckDB,
which must hold the leads' channels for a spend file too, or the spend lands in a channel of its
own ("Яндекс Директ" beside the leads' "Yandex Direct") and that channel's CPL reads "—"."""

from __future__ import annotations

from decimal import Decimal as D

from tests.ingest.helpers import inspect_file, load_file, write
from tests.ingest.test_corpus_ads import CORPUS


def test_a_platforms_spend_joins_the_leads_channel_on_both_engines(store, ws, tmp_path):
    body = "ID;Дата;Источник\n" + "".join(
        f"L{i};01.02.2025;{ch}\n" for i, ch in enumerate(["Yandex Direct"] * 2 + ["SEO"])
    )
    load_file(store, ws, write(tmp_path, "leads.csv", body), "leads")
    assert inspect_file(store, ws, CORPUS / "yandex_direct_api.tsv", "spend").fixed == {"channel": "Yandex Direct"}
    load_file(store, ws, CORPUS / "yandex_direct_api.tsv", "spend")
    with store.cursor() as cur:
        got = cur.execute("SELECT channel, sum(amount) FROM stg_spend WHERE workspace_id = ? GROUP BY 1", [ws])
        assert dict(got.fetchall()) == {"Yandex Direct": D("4106.50")}
