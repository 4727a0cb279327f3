"""The errors the client raises."""

from typing import Any, Optional


class FairbillApiError(Exception):
    """An answer outside 2xx that a retry would not change."""

    def __init__(self, status: int, body: Any) -> None:
        super().__init__(f"Fairbill answered {status}: {body}")
        self.status = status
        self.body = body


class RetryableError(Exception):
    """A failure a retry may turn into a success (network, 408, 409, 429, 5xx)."""

    def __init__(self, message: str, retry_after: Optional[float] = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class WebhookVerificationError(Exception):
    """A delivery whose signature or age does not check out."""
