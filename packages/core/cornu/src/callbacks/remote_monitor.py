"""`RemoteMonitor`: POSTs each epoch's logs to an HTTP server as JSON."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
import warnings
from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.callbacks.callback import Callback

# Seconds to wait for the server; a dead monitor must not stall training.
_TIMEOUT = 10.0


def _jsonable(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    item = getattr(value, "item", None)
    shape = getattr(value, "shape", None)
    if item is not None and shape is not None and len(shape) == 0:
        return item()
    tolist = getattr(value, "tolist", None)
    if tolist is not None:
        return tolist()
    return value


@cornu_export("cornu.callbacks.RemoteMonitor")
class RemoteMonitor(Callback):
    """Sends each epoch's logs to a server with an HTTP POST.

    Uses only the standard library (`urllib`). The payload is the epoch's
    logs plus `"epoch"`, JSON-encoded: sent as the request body with
    content type `application/json` when `send_as_json=True`, or else as
    the form field `field`. An unreachable server gives a warning, not an
    error.

    Args:
        root: Root URL of the server.
        path: Path, relative to `root`, the events are sent to.
        field: Name of the form field holding the JSON data (used only
            when `send_as_json=False`).
        headers: Optional dict of extra HTTP headers.
        send_as_json: Whether to send the body as `application/json`.

    Example:

    >>> monitor = cornu.callbacks.RemoteMonitor(
    ...     root="http://localhost:9000", send_as_json=True
    ... )
    >>> monitor.root + monitor.path
    'http://localhost:9000/publish/epoch/end/'
    """

    def __init__(
        self,
        root: str = "http://localhost:9000",
        path: str = "/publish/epoch/end/",
        field: str = "data",
        headers: dict | None = None,
        send_as_json: bool = False,
    ) -> None:
        super().__init__()
        self.root = root
        self.path = path
        self.field = field
        self.headers = headers
        self.send_as_json = send_as_json

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        send = {"epoch": epoch}
        for key, value in (logs or {}).items():
            send[key] = _jsonable(value)
        headers = dict(self.headers or {})
        if self.send_as_json:
            body = json.dumps(send).encode("utf-8")
            headers.setdefault("Content-Type", "application/json")
        else:
            body = urllib.parse.urlencode(
                {self.field: json.dumps(send)}
            ).encode("ascii")
            headers.setdefault(
                "Content-Type", "application/x-www-form-urlencoded"
            )
        request = urllib.request.Request(
            self.root + self.path, data=body, headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=_TIMEOUT) as reply:
                reply.read()
        except urllib.error.HTTPError as error:
            warnings.warn(
                f"RemoteMonitor: the server at {self.root} answered "
                f"{error.code} {error.reason} to {self.path!r}.",
                stacklevel=2,
            )
        except (urllib.error.URLError, OSError, ValueError):
            warnings.warn(
                f"Could not reach RemoteMonitor root server at {self.root}",
                stacklevel=2,
            )
