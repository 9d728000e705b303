import http.server
import json
import socket
import threading
import urllib.parse

import numpy as np
import pytest

import cornu


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.requests.append((self.path, dict(self.headers), body))
        status = 500 if self.path.startswith("/fail") else 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server(monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Handler)
    httpd.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def _root(server):
    return f"http://127.0.0.1:{server.server_address[1]}"


def test_posts_the_epoch_logs_as_a_form_field(server):
    monitor = cornu.callbacks.RemoteMonitor(root=_root(server))
    callbacks = cornu.callbacks.CallbackList([monitor])
    callbacks.on_epoch_end(2, {"loss": np.float32(0.5), "acc": 0.25})
    [(path, headers, body)] = server.requests
    assert path == "/publish/epoch/end/"
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    form = urllib.parse.parse_qs(body.decode())
    assert json.loads(form["data"][0]) == {"epoch": 2, "loss": 0.5, "acc": 0.25}


def test_send_as_json_with_custom_path_field_and_headers(server):
    monitor = cornu.callbacks.RemoteMonitor(
        root=_root(server),
        path="/events",
        field="ignored",
        headers={"X-Run": "7"},
        send_as_json=True,
    )
    monitor.on_epoch_end(0, {"loss": 1.0, "vector": np.array([1, 2])})
    [(path, headers, body)] = server.requests
    assert path == "/events"
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Run"] == "7"
    assert json.loads(body) == {"epoch": 0, "loss": 1.0, "vector": [1, 2]}


def test_unreachable_server_warns(monkeypatch):
    monkeypatch.setenv("no_proxy", "*")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monitor = cornu.callbacks.RemoteMonitor(root=f"http://127.0.0.1:{port}")
    with pytest.warns(UserWarning, match="Could not reach RemoteMonitor"):
        monitor.on_epoch_end(0, {"loss": 1.0})


def test_an_error_status_warns(server):
    monitor = cornu.callbacks.RemoteMonitor(root=_root(server), path="/fail")
    with pytest.warns(UserWarning, match="answered 500"):
        monitor.on_epoch_end(0, {"loss": 1.0})
