"""A spool in a local file: events written down until the server has them.

Each tracked event is appended as a JSON line before ``track`` returns, and each
acknowledged batch appends a line of the ids it crosses out, so a process that
crashes leaves the file holding exactly the events not yet sent. The next
process to open it sends them with their ids; the server counts an id once, so
an event both sent and still listed is not counted twice. Opening rewrites the
file with only the pending events; once everything has been sent it is emptied.
The same format as the TypeScript SDK's spool.
"""

import json
import os
import threading
from typing import Any, Dict, Iterable, List

Event = Dict[str, Any]


class FileSpool:
    def __init__(self, path: str) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._waiting: Dict[str, Event] = {}
        if os.path.exists(path):
            with open(path, "r", encoding="utf-8") as file:
                for text in file:
                    text = text.strip()
                    if not text:
                        continue
                    try:
                        line = json.loads(text)
                    except ValueError:
                        # The last line of a process killed mid-write: its track() never returned.
                        continue
                    if "event" in line:
                        self._waiting[line["event"]["id"]] = line["event"]
                    else:
                        for event_id in line.get("sent", []):
                            self._waiting.pop(event_id, None)
        temporary = f"{path}.{os.getpid()}.tmp"
        with open(temporary, "w", encoding="utf-8") as file:
            file.writelines(_event_line(event) for event in self._waiting.values())
        os.replace(temporary, path)
        self._file = open(path, "a", encoding="utf-8")

    def pending(self) -> List[Event]:
        with self._lock:
            return list(self._waiting.values())

    def add(self, events: Iterable[Event]) -> None:
        with self._lock:
            lines = []
            for event in events:
                self._waiting[event["id"]] = event
                lines.append(_event_line(event))
            self._file.write("".join(lines))
            # In the operating system's hands: it survives this process being killed.
            self._file.flush()

    def remove(self, ids: List[str]) -> None:
        with self._lock:
            for event_id in ids:
                self._waiting.pop(event_id, None)
            if not self._waiting:
                # Everything written down was sent: start the file afresh.
                self._file.close()
                self._file = open(self.path, "w", encoding="utf-8")
                return
            self._file.write(json.dumps({"sent": ids}, separators=(",", ":")) + "\n")
            self._file.flush()

    def __len__(self) -> int:
        with self._lock:
            return len(self._waiting)

    def close(self) -> None:
        with self._lock:
            self._file.close()


def _event_line(event: Event) -> str:
    return json.dumps({"event": event}, separators=(",", ":")) + "\n"
