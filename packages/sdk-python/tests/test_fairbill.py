"""Tests of the Python SDK. The ones marked "against a running Fairbill" need
FAIRBILL_URL, FAIRBILL_API_KEY, FAIRBILL_CUSTOMER_ID, FAIRBILL_FEATURE,
FAIRBILL_WEBHOOK_SECRET and FAIRBILL_WEBHOOK_DELIVERY (a JSON file of a
delivery's headers and body): test/sdk/sdk-python.test.ts sets them."""

import base64
import hashlib
import hmac
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import urllib.parse
import urllib.request
import uuid

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from fairbill import (  # noqa: E402
    EntitlementChecker,
    FileSpool,
    IngestionClient,
    WebhookVerificationError,
    verify_webhook,
)

URL = os.environ.get("FAIRBILL_URL")
API_KEY = os.environ.get("FAIRBILL_API_KEY", "")
against_fairbill = unittest.skipUnless(URL, "needs a running Fairbill (FAIRBILL_URL)")

SECRET = "whsec_" + base64.b64encode(b"k" * 32).decode()


def signed(message_id: str, timestamp: int, body: str, secret: str = SECRET) -> dict:
    key = base64.b64decode(secret[len("whsec_") :])
    digest = hmac.new(key, f"{message_id}.{timestamp}.{body}".encode(), hashlib.sha256).digest()
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": "v1," + base64.b64encode(digest).decode(),
    }


class WebhookTests(unittest.TestCase):
    def test_accepts_any_of_several_signatures_and_refuses_old_or_tampered(self) -> None:
        body = '{"id":"evt_1","type":"invoice.finalized","timestamp":"2030-01-01T00:00:00Z","data":{}}'
        headers = signed("evt_1", 1_900_000_000, body)
        other = signed("evt_1", 1_900_000_000, body, "whsec_" + base64.b64encode(b"o" * 32).decode())
        headers["webhook-signature"] = other["webhook-signature"] + " " + headers["webhook-signature"]
        self.assertEqual(verify_webhook(SECRET, headers, body, now=1_900_000_100)["type"], "invoice.finalized")
        with self.assertRaises(WebhookVerificationError):
            verify_webhook(SECRET, headers, body.replace("finalized", "voided"), now=1_900_000_100)
        with self.assertRaises(WebhookVerificationError):
            verify_webhook(SECRET, headers, body, now=1_900_000_301)
        with self.assertRaises(WebhookVerificationError):
            verify_webhook(SECRET, {"webhook-id": "evt_1"}, body)


class SpoolTests(unittest.TestCase):
    def setUp(self) -> None:
        self.folder = tempfile.mkdtemp()
        self.path = os.path.join(self.folder, "events.spool")

    def tearDown(self) -> None:
        shutil.rmtree(self.folder)

    def test_keeps_what_was_not_crossed_out_and_a_cut_last_line_is_skipped(self) -> None:
        spool = FileSpool(self.path)
        spool.add([{"id": "a"}, {"id": "b"}, {"id": "c"}])
        spool.remove(["a"])
        spool.close()
        with open(self.path, "a", encoding="utf-8") as file:
            file.write('{"event":{"id":"d"')  # killed mid-write
        reopened = FileSpool(self.path)
        self.assertEqual([event["id"] for event in reopened.pending()], ["b", "c"])
        reopened.remove(["b", "c"])
        reopened.close()
        self.assertEqual(os.path.getsize(self.path), 0)


class ExitTests(unittest.TestCase):
    def test_a_process_exiting_while_fairbill_is_unreachable_ends_and_keeps_its_events_in_the_spool(self) -> None:
        folder = tempfile.mkdtemp()
        try:
            path = os.path.join(folder, "exit.spool")
            package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
            program = (
                f"import sys; sys.path.insert(0, {package!r})\n"
                "from fairbill import FileSpool, IngestionClient\n"
                f"client = IngestionClient('http://127.0.0.1:9', 'key', exit_timeout=1, spool=FileSpool({path!r}))\n"
                "client.track('acme', 'api_call', id='kept')\n"
            )
            finished = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
            self.assertEqual(finished.returncode, 0, finished.stderr)
            spool = FileSpool(path)
            self.assertEqual([event["id"] for event in spool.pending()], ["kept"])
            spool.close()
        finally:
            shutil.rmtree(folder)


class IngestionOptionTests(unittest.TestCase):
    def test_refuses_a_batch_size_beyond_the_server_limit(self) -> None:
        with self.assertRaises(ValueError):
            IngestionClient("http://127.0.0.1:9", "key", batch_size=1001, flush_at_exit=False)


@against_fairbill
class AgainstFairbillTests(unittest.TestCase):
    def usage(self) -> int:
        from datetime import datetime, timedelta, timezone

        now = datetime.now(timezone.utc)
        query = urllib.parse.urlencode(
            {
                "customer": "sdk-customer",
                "meter": os.environ["FAIRBILL_METER"],
                "from": (now - timedelta(days=2)).isoformat(),
                "to": (now + timedelta(days=1)).isoformat(),
            }
        )
        request = urllib.request.Request(f"{URL}/v1/usage?{query}")
        request.add_header("authorization", f"Bearer {API_KEY}")
        with urllib.request.urlopen(request) as response:
            report = json.load(response)
        return sum(int(float(window["value"])) for window in report["windows"])

    def test_sends_what_a_killed_process_left_in_its_spool_each_counted_once(self) -> None:
        folder = tempfile.mkdtemp()
        try:
            path = os.path.join(folder, "crash.spool")
            before = self.usage()
            producer = subprocess.Popen(
                [
                    sys.executable,
                    os.path.join(os.path.dirname(os.path.abspath(__file__)), "crashing_producer.py"),
                    URL, API_KEY, "500", path, "sdk-customer", os.environ["FAIRBILL_EVENT"],
                ],
                stdout=subprocess.PIPE,
            )
            # Killed once it has sent 500 events and written 500 more down without sending them.
            self.assertEqual(producer.stdout.readline().strip(), b"tracked")
            producer.kill()
            producer.wait()
            producer.stdout.close()
            with IngestionClient(URL, API_KEY, spool=FileSpool(path)) as following:
                self.assertEqual(following.pending_count, 500)
            self.assertEqual(self.usage(), before + 1000)
            self.assertEqual(os.path.getsize(path), 0)
        finally:
            shutil.rmtree(folder)

    def test_events_sent_again_from_a_spool_are_duplicates_not_counted_twice(self) -> None:
        folder = tempfile.mkdtemp()
        try:
            path = os.path.join(folder, "resend.spool")
            before = self.usage()
            run = uuid.uuid4().hex
            events = [
                {"id": f"resend-{run}-{index}", "customer": "sdk-customer", "name": os.environ["FAIRBILL_EVENT"]}
                for index in range(100)
            ]
            with IngestionClient(URL, API_KEY) as first:
                for event in events:
                    first.track(event["customer"], event["name"], id=event["id"])
            # A process killed after the server stored its batch and before it crossed the events out.
            with open(path, "w", encoding="utf-8") as file:
                file.writelines(json.dumps({"event": event}) + "\n" for event in events)
            with IngestionClient(URL, API_KEY, spool=FileSpool(path)) as following:
                pass
            self.assertEqual(following.counts.duplicates, 100)
            self.assertEqual(self.usage(), before + 100)
        finally:
            shutil.rmtree(folder)

    def test_entitlement_is_checked_and_cached(self) -> None:
        now = [1000.0]
        checker = EntitlementChecker(URL, API_KEY, ttl=30, clock=lambda: now[0])
        customer = os.environ["FAIRBILL_CUSTOMER_ID"]
        feature = os.environ["FAIRBILL_FEATURE"]
        self.assertTrue(checker.allowed(customer, feature))
        self.assertFalse(checker.allowed(customer, "no_such_feature"))
        self.assertEqual(checker.requests, 1)
        now[0] += 31
        self.assertTrue(checker.allowed(customer, feature))
        self.assertEqual(checker.requests, 2)

    def test_verifies_a_delivered_webhook_and_refuses_a_tampered_one(self) -> None:
        with open(os.environ["FAIRBILL_WEBHOOK_DELIVERY"], encoding="utf-8") as file:
            delivery = json.load(file)
        secret = os.environ["FAIRBILL_WEBHOOK_SECRET"]
        event = verify_webhook(secret, delivery["headers"], delivery["body"])
        self.assertEqual(event["type"], "customer.created")
        self.assertEqual(event["id"], delivery["headers"]["webhook-id"])
        with self.assertRaises(WebhookVerificationError):
            verify_webhook(secret, delivery["headers"], delivery["body"].replace("sdk-customer", "sdk-customeR"))


if __name__ == "__main__":
    unittest.main()
