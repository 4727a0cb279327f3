"""Entitlement checks with a short cache.

``allowed(customer_id, feature)`` asks ``GET /v1/customers/{id}/entitlements``
at most once per customer every ``ttl`` seconds (default 30).
"""

import threading
import time
import urllib.parse
from typing import Any, Callable, Dict, Optional, Tuple

from .http import request_json

Entitlement = Dict[str, Any]


class EntitlementChecker:
    def __init__(
        self,
        base_url: str,
        api_key: str,
        ttl: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
        timeout: float = 10.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.ttl = ttl
        self.clock = clock
        self.timeout = timeout
        self.requests = 0
        self._cache: Dict[str, Tuple[float, Dict[str, Entitlement]]] = {}
        self._lock = threading.Lock()

    def allowed(self, customer_id: str, feature: str) -> bool:
        """Whether the customer (Fairbill's id, cus_...) may use the feature now; False for a feature it lacks."""
        entitlement = self.entitlement(customer_id, feature)
        return bool(entitlement and entitlement.get("allowed"))

    def entitlement(self, customer_id: str, feature: str) -> Optional[Entitlement]:
        return self.entitlements(customer_id).get(feature)

    def entitlements(self, customer_id: str) -> Dict[str, Entitlement]:
        """All of the customer's entitlements by feature code, from the cache while it is fresh."""
        with self._lock:
            cached = self._cache.get(customer_id)
            if cached is not None and cached[0] > self.clock():
                return cached[1]
        path = f"/v1/customers/{urllib.parse.quote(customer_id, safe='')}/entitlements"
        answer = request_json("GET", f"{self.base_url}{path}", self.api_key, timeout=self.timeout)
        by_feature = {item["feature"]: item for item in answer["data"]}
        with self._lock:
            self.requests += 1
            self._cache[customer_id] = (self.clock() + self.ttl, by_feature)
        return by_feature

    def invalidate(self, customer_id: Optional[str] = None) -> None:
        with self._lock:
            if customer_id is None:
                self._cache.clear()
            else:
                self._cache.pop(customer_id, None)
