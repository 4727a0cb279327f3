"""Verifying Fairbill's webhooks, signed per Standard Webhooks.

``webhook-signature`` lists ``v1,<base64 HMAC-SHA256 of "id.timestamp.body">``
keyed with the base64 part of the ``whsec_...`` secret (two while a rotated
secret is honoured: any match will do); ``webhook-timestamp`` must be within
``tolerance`` seconds of now (default 5 minutes) so an old delivery cannot be
replayed.
"""

import base64
import binascii
import hashlib
import hmac
import json
import time
from typing import Any, Dict, Mapping, Optional, Union

from .errors import WebhookVerificationError

SECRET_PREFIX = "whsec_"


def verify_webhook(
    secret: str,
    headers: Mapping[str, str],
    body: Union[str, bytes],
    tolerance: int = 300,
    now: Optional[float] = None,
) -> Dict[str, Any]:
    """Checks the delivery's signature and age and returns its parsed body; raises WebhookVerificationError."""
    lowered = {name.lower(): value for name, value in headers.items()}
    message_id = lowered.get("webhook-id")
    timestamp = lowered.get("webhook-timestamp")
    signatures = lowered.get("webhook-signature")
    if not message_id or not timestamp or not signatures:
        raise WebhookVerificationError("webhook-id, webhook-timestamp and webhook-signature are required.")
    if not timestamp.isdigit():
        raise WebhookVerificationError("webhook-timestamp is not a number of seconds.")
    current = int(time.time() if now is None else now)
    if abs(current - int(timestamp)) > tolerance:
        raise WebhookVerificationError(f"webhook-timestamp is more than {tolerance} s from now.")
    raw = body.encode("utf-8") if isinstance(body, str) else body
    if not secret.startswith(SECRET_PREFIX):
        raise ValueError("A webhook signing secret starts with whsec_.")
    key = base64.b64decode(secret[len(SECRET_PREFIX) :])
    signed = f"{message_id}.{timestamp}.".encode("utf-8") + raw
    expected = hmac.new(key, signed, hashlib.sha256).digest()
    for signature in signatures.split(" "):
        version, _, encoded = signature.partition(",")
        if version != "v1":
            continue
        try:
            candidate = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            continue
        if hmac.compare_digest(candidate, expected):
            parsed: Dict[str, Any] = json.loads(raw)
            return parsed
    raise WebhookVerificationError("No signature matches the secret.")
