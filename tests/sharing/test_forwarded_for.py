"""X-Forwarded-For counts only from proxies listed in ``[funnel] trusted_proxies`` (issue 17: a
new forged address per try gave unlimited password tries from a local peer)."""

from __future__ import annotations

import pytest

from funnel.access import AuthConfig
from funnel.db import Store
from funnel.throttle import client_address
from funnel.workspace import create_workspace
from tests.sharing.server import Server
from tests.sharing.stclient import Session


@pytest.mark.parametrize(
    "peer, header, trusted, expected",
    [
        ("127.0.0.1", "203.0.113.7", (), "127.0.0.1"),  # no proxy listed: the header is ignored
        ("198.51.100.2", "203.0.113.7", ("127.0.0.1",), "198.51.100.2"),  # peer is not a listed proxy
        ("127.0.0.1", "203.0.113.7", ("127.0.0.1",), "203.0.113.7"),  # the proxy's own entry
        ("127.0.0.1", "6.6.6.6, 203.0.113.7", ("127.0.0.1",), "203.0.113.7"),  # forged entries left of it
        ("127.0.0.1", "6.6.6.6, 203.0.113.7, 10.1.2.3", ("127.0.0.1", "10.0.0.0/8"), "203.0.113.7"),  # two hops
        ("127.0.0.1", "10.1.2.3", ("127.0.0.1", "10.0.0.0/8"), "10.1.2.3"),  # all trusted: the leftmost
        ("127.0.0.1", "not-an-ip, 203.0.113.7", ("127.0.0.1",), "203.0.113.7"),
        ("127.0.0.1", "", ("127.0.0.1",), "127.0.0.1"),
        ("::1", "2001:db8::5", ("::1",), "2001:db8::5"),
    ],
    ids=[
        "none-listed",
        "peer-untrusted",
        "one-proxy",
        "forged-left",
        "two-hops",
        "all-trusted",
        "garbage",
        "empty",
        "v6",
    ],
)
def test_client_address(peer, header, trusted, expected):
    assert client_address(peer, header, trusted) == expected


def test_trusted_proxies_setting_is_checked():
    ok = AuthConfig.from_mapping({"auth": "none", "trusted_proxies": ["127.0.0.1", "10.0.0.0/8"]})
    assert ok.problem is None and ok.trusted_proxies == ("127.0.0.1", "10.0.0.0/8")
    assert AuthConfig.from_mapping({"auth": "none"}).trusted_proxies == ()
    for bad in ["127.0.0.1", ["proxy.example"]]:
        c = AuthConfig.from_mapping({"auth": "none", "trusted_proxies": bad})
        assert c.mode == "closed" and "trusted_proxies" in c.problem


SECRETS = """
[funnel]
auth = "password"
{extra}
[funnel.passwords.boss]
password = "boss-pw"
role = "viewer"
"""


def start(tmp_path, extra: str) -> Server:
    db = tmp_path / "xff.duckdb"
    store = Store(db)
    with store.transaction() as cur:
        create_workspace(cur, "Demo", workspace_id="demo", is_demo=True)
    store.close()
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(SECRETS.format(extra=extra))
    return Server(db, env={"STREAMLIT_SECRETS_FILES": str(secrets)}).start()


def wrong_try(server: Server, forwarded: str) -> str:
    """One wrong password from a fresh tab claiming ``forwarded``; the texts it gets back."""
    s = Session(server.url, headers={"X-Forwarded-For": forwarded})
    try:
        run = s.run(query="lang=en")
        s.set(run, "signin_password", string_value="guess")
        return s.click(run, "signin_submit").texts()
    finally:
        s.close()


def test_forged_addresses_from_a_local_peer_share_one_count(tmp_path):
    server = start(tmp_path, "")
    try:
        answers = [wrong_try(server, f"203.0.113.{i}") for i in range(1, 6)]
    finally:
        server.stop()
    assert all("Wrong password" in a for a in answers[:3])
    # the fourth and fifth tries, each from a "new" address, are made to wait: one client
    assert all("Too many failed attempts" in a for a in answers[3:]), answers


def test_behind_a_listed_proxy_each_client_has_its_own_count(tmp_path):
    server = start(tmp_path, 'trusted_proxies = ["127.0.0.1"]')
    try:
        answers = [wrong_try(server, f"6.6.6.{i}, 203.0.113.{i}") for i in range(1, 6)]
        same = [wrong_try(server, f"6.6.6.{i}, 203.0.113.99") for i in range(1, 6)]
    finally:
        server.stop()
    assert all("Wrong password" in a and "Too many" not in a for a in answers)  # five clients
    # one client behind the proxy, forging what it puts left of the proxy's entry: one count
    assert "Too many failed attempts" in same[-1], same
