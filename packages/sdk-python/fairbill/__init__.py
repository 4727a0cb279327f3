"""Fairbill's Python client: standard library only.

- ``IngestionClient``: usage events batched in memory, sent on size, interval
  and process exit, retried with jittered backoff, optionally spooled to a file.
- ``EntitlementChecker``: whether a customer may use a feature, cached briefly.
- ``verify_webhook``: Standard Webhooks signature and age check.
"""

from .entitlements import EntitlementChecker
from .errors import FairbillApiError, RetryableError, WebhookVerificationError
from .ingestion import IngestionClient, IngestionCounts
from .spool import FileSpool
from .webhooks import verify_webhook

__all__ = [
    "EntitlementChecker",
    "FairbillApiError",
    "FileSpool",
    "IngestionClient",
    "IngestionCounts",
    "RetryableError",
    "WebhookVerificationError",
    "verify_webhook",
]
