"""docs/nginx.conf, the documented configuration: its upload limit is the app's, nginx accepts it
(`nginx -t`, as scripts/replicas.py and the replica tests run it), and the ports and log paths
put in for a run are the only change."""

import re
import subprocess
import tomllib

from scripts.replicas import SITE, main_config, nginx_binary, site_config
from tests.conftest import ROOT
from tests.replicas.conftest import need_nginx


def test_the_upload_limit_is_the_apps_plus_the_requests_framing():
    max_mb = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    body = re.search(r"^\s*client_max_body_size (\d+)m;", SITE.read_text(), flags=re.M)
    assert body and int(body.group(1)) == max_mb + 1


def test_a_run_changes_only_ports_and_log_paths(tmp_path):
    text = site_config([7001, 7002, 7003], 9090, tmp_path)
    assert re.findall(r"server 127\.0\.0\.1:(\d+) max_fails=1 fail_timeout=10s;", text) == ["7001", "7002", "7003"]
    assert "listen 127.0.0.1:9090;" in text and "/var/log/nginx/" not in text
    strip = re.compile(r"^\s*(server 127\.0\.0\.1|listen |access_log|error_log).*$\n?", re.M)
    assert strip.sub("", text) == strip.sub("", SITE.read_text())


def test_nginx_accepts_it(tmp_path):
    need_nginx()
    (tmp_path / "tmp").mkdir()
    site = tmp_path / "funnel.conf"
    site.write_text(site_config([7001, 7002], 9090, tmp_path))
    conf = tmp_path / "nginx.conf"
    conf.write_text(main_config(tmp_path, site))
    check = subprocess.run([nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
