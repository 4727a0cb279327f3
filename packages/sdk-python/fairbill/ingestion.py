"""Usage ingestion that never loses an event.

``track`` gives each event an id (unless it has one) and a timestamp, writes it
to the spool (if any) and queues it in memory. A sender thread posts the queue
to ``/v1/events/batch`` when it holds ``batch_size`` events, every
``flush_interval`` seconds, and at process exit (atexit). A batch that fails
(network error, 408, 409, 429, 5xx) is sent again with jittered exponential
backoff, honouring Retry-After, with the same events and ids: the server counts
an id once, so a batch stored before its answer was lost comes back as
duplicates. Each request carries an Idempotency-Key.
"""

import atexit
import random
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Dict, List, Optional

from .errors import FairbillApiError, RetryableError
from .http import request_json
from .spool import FileSpool

Event = Dict[str, Any]


@dataclass
class IngestionCounts:
    """Events the server acknowledged (stored now or before), duplicates among them, refused, and retried sends."""

    sent: int = 0
    duplicates: int = 0
    rejected: int = 0
    retries: int = 0


class IngestionClient:
    def __init__(
        self,
        base_url: str,
        api_key: str,
        batch_size: int = 500,
        flush_interval: float = 1.0,
        retry_delay: float = 0.25,
        max_retry_delay: float = 30.0,
        max_attempts: Optional[int] = None,
        max_queued_events: int = 1_000_000,
        spool: Optional[FileSpool] = None,
        flush_at_exit: bool = True,
        exit_timeout: float = 10.0,
        on_rejected: Optional[Callable[[List[Event], List[str]], None]] = None,
        on_retry: Optional[Callable[[Exception, int, float], None]] = None,
        timeout: float = 30.0,
    ) -> None:
        if not 1 <= batch_size <= 1000:
            raise ValueError("batch_size is 1 to 1,000 events.")
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.batch_size = batch_size
        self.flush_interval = flush_interval
        self.retry_delay = retry_delay
        self.max_retry_delay = max_retry_delay
        self.max_attempts = max_attempts
        self.max_queued_events = max_queued_events
        self.spool = spool
        self.on_rejected = on_rejected
        self.on_retry = on_retry
        self.timeout = timeout
        self.exit_timeout = exit_timeout
        # Set when the process exits: no retry is started that would end after it.
        self._give_up_at: Optional[float] = None
        self.counts = IngestionCounts()
        self._queue: List[Event] = []
        self._sending = 0
        self._closed = False
        self._condition = threading.Condition()
        # What an earlier process wrote down and did not send goes first.
        if spool is not None:
            self._queue.extend(spool.pending())
        self._thread = threading.Thread(target=self._run, name="fairbill-ingestion", daemon=True)
        self._thread.start()
        if flush_at_exit:
            atexit.register(self._close_at_exit)

    def track(
        self,
        customer: str,
        name: str,
        properties: Optional[Dict[str, Any]] = None,
        timestamp: Optional[str] = None,
        id: Optional[str] = None,
    ) -> str:
        """Queues an event (written to the spool first, if any) and returns its id."""
        event: Event = {
            "id": id or str(uuid.uuid4()),
            "customer": customer,
            "name": name,
            "timestamp": timestamp or _now(),
        }
        if properties is not None:
            event["properties"] = properties
        with self._condition:
            if self._closed:
                raise RuntimeError("This ingestion client is closed.")
            if len(self._queue) >= self.max_queued_events:
                raise RuntimeError(f"{len(self._queue)} events are queued already: the server does not keep up.")
            if self.spool is not None:
                self.spool.add([event])
            self._queue.append(event)
            if len(self._queue) >= self.batch_size:
                self._condition.notify_all()
        return event["id"]

    @property
    def pending_count(self) -> int:
        with self._condition:
            return len(self._queue) + self._sending

    def flush(self, timeout: Optional[float] = None) -> bool:
        """Sends everything queued now; True once the server has acknowledged it all."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._condition:
            self._flush_requested = True
            self._condition.notify_all()
            while self._queue or self._sending:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._condition.wait(remaining)
            return True

    def close(self) -> None:
        """Flushes and stops the sender thread; the spool is closed."""
        with self._condition:
            if self._closed:
                return
        self.flush()
        with self._condition:
            self._closed = True
            self._condition.notify_all()
        self._thread.join()
        if self.spool is not None:
            self.spool.close()
        atexit.unregister(self._close_at_exit)

    def _close_at_exit(self) -> None:
        # Past exit_timeout the client stops retrying so the process can end; the spool keeps what is unsent.
        self._give_up_at = time.monotonic() + self.exit_timeout
        self.close()

    _flush_requested = False

    def _run(self) -> None:
        while True:
            with self._condition:
                waited_until = time.monotonic() + self.flush_interval
                while not self._closed and len(self._queue) < self.batch_size and not self._flush_requested:
                    remaining = waited_until - time.monotonic()
                    if remaining <= 0:
                        break
                    self._condition.wait(remaining)
                if self._closed and not self._queue:
                    return
                batch = self._queue[: self.batch_size]
                del self._queue[: self.batch_size]
                if not self._queue:
                    self._flush_requested = False
                self._sending = len(batch)
            try:
                if batch:
                    self._send_with_retries(batch)
            finally:
                with self._condition:
                    self._sending = 0
                    self._condition.notify_all()

    def _send_with_retries(self, batch: List[Event]) -> None:
        key = f"batch_{uuid.uuid4()}"
        attempt = 1
        while True:
            try:
                # A request cut off mid-way leaves its key "in progress" on the server
                # for a while; the events' ids keep a retry from counting twice, so a
                # retry after a failure takes a key of its own.
                self._send(batch, key if attempt == 1 else f"{key}.{attempt}")
                return
            except RetryableError as error:
                if self.max_attempts is not None and attempt >= self.max_attempts:
                    return
                backoff = min(self.max_retry_delay, self.retry_delay * 2 ** min(attempt - 1, 20))
                # Jitter: between half and all of the backoff, so clients do not retry in step.
                delay = max(backoff * (0.5 + random.random() / 2), error.retry_after or 0.0)
                if self._give_up_at is not None and time.monotonic() + delay > self._give_up_at:
                    return
                self.counts.retries += 1
                if self.on_retry is not None:
                    self.on_retry(error, attempt, delay)
                time.sleep(delay)
                attempt += 1
            except FairbillApiError as error:
                # Not retryable: the events stay in the spool for the next process, and are reported.
                if self.on_rejected is not None:
                    self.on_rejected(batch, [str(error)] * len(batch))
                return

    def _send(self, batch: List[Event], idempotency_key: str) -> None:
        answer = request_json(
            "POST",
            f"{self.base_url}/v1/events/batch",
            self.api_key,
            {"events": batch},
            {"idempotency-key": idempotency_key},
            self.timeout,
        )
        rejected = answer.get("rejected", [])
        self.counts.sent += len(batch) - len(rejected)
        self.counts.duplicates += len(answer.get("duplicates", []))
        self.counts.rejected += len(rejected)
        # Refused events are crossed out too: sending them again would be refused again.
        if self.spool is not None:
            self.spool.remove([event["id"] for event in batch])
        if rejected and self.on_rejected is not None:
            self.on_rejected(
                [batch[item["index"]] for item in rejected],
                [
                    "; ".join(f"{error['path']}: {error['message']}" for error in item.get("errors", []))
                    for item in rejected
                ],
            )

    def __enter__(self) -> "IngestionClient":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
