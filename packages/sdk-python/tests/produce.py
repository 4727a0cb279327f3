"""Sends COUNT events through the ingestion client and prints its counts as JSON.

    python3 tests/produce.py URL API_KEY COUNT SPOOL_PATH CUSTOMER EVENT_NAME

test/sdk/sdk-python.test.ts runs it while it kills and restarts the server.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from fairbill import FileSpool, IngestionClient  # noqa: E402


def main() -> None:
    url, api_key, count, spool_path, customer, event_name = sys.argv[1:7]
    retries = []
    client = IngestionClient(
        url,
        api_key,
        batch_size=1000,
        flush_interval=0.2,
        retry_delay=0.1,
        max_retry_delay=1.0,
        spool=FileSpool(spool_path),
        on_retry=lambda error, attempt, delay: retries.append(attempt),
    )
    for index in range(int(count)):
        client.track(customer, event_name, {"index": index})
    client.close()
    counts = client.counts
    print(
        json.dumps(
            {
                "sent": counts.sent,
                "duplicates": counts.duplicates,
                "rejected": counts.rejected,
                "retries": counts.retries,
                "spool_bytes": os.path.getsize(spool_path),
            }
        )
    )


if __name__ == "__main__":
    main()
