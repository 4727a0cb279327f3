"""One JSON request to Fairbill with urllib, sorting failures into retryable or not."""

import email.utils
import http.client
import json
import socket
import time
import urllib.error
import urllib.request
from typing import Any, Dict, Optional

from .errors import FairbillApiError, RetryableError

RETRYABLE_STATUSES = {408, 409, 429}


def request_json(
    method: str,
    url: str,
    api_key: str,
    body: Any = None,
    headers: Optional[Dict[str, str]] = None,
    timeout: float = 30.0,
) -> Any:
    data = None if body is None else json.dumps(body, separators=(",", ":")).encode("utf-8")
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("authorization", f"Bearer {api_key}")
    request.add_header("accept", "application/json")
    if data is not None:
        request.add_header("content-type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read().decode("utf-8")
            return json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        text = error.read().decode("utf-8", "replace")
        if error.code in RETRYABLE_STATUSES or error.code >= 500:
            raise RetryableError(
                f"{method} {url} answered {error.code}: {text[:200]}",
                retry_after_seconds(error.headers.get("retry-after")),
            ) from error
        try:
            parsed: Any = json.loads(text)
        except ValueError:
            parsed = text
        raise FairbillApiError(error.code, parsed) from error
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError, socket.timeout, OSError) as error:
        # The connection failed or was cut: the request may or may not have been handled.
        raise RetryableError(f"{method} {url}: {error}") from error


def retry_after_seconds(header: Optional[str]) -> Optional[float]:
    """Retry-After in seconds or as an HTTP date."""
    if header is None:
        return None
    try:
        return max(0.0, float(header))
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())
