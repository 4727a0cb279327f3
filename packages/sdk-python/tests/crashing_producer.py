"""A process killed (SIGKILL) by tests/test_fairbill.py mid-work.

    python3 tests/crashing_producer.py URL API_KEY COUNT SPOOL_PATH CUSTOMER EVENT_NAME

It tracks COUNT events and flushes them (sent and crossed out), tracks COUNT
more (fewer than a batch, so only queued and written down), prints "tracked"
and waits to be killed: the second COUNT are only in its spool.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from fairbill import FileSpool, IngestionClient  # noqa: E402


def main() -> None:
    url, api_key, count, spool_path, customer, event_name = sys.argv[1:7]
    client = IngestionClient(
        url, api_key, batch_size=1000, flush_interval=3600, flush_at_exit=False, spool=FileSpool(spool_path)
    )
    for _ in range(int(count)):
        client.track(customer, event_name)
    client.flush()
    for _ in range(int(count)):
        client.track(customer, event_name)
    print("tracked", flush=True)
    while True:
        time.sleep(60)


if __name__ == "__main__":
    main()
