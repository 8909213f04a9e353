"""How many requests each worker made: a master's proof that its workers shared the load."""

import csv
import logging


class WorkerTally:
    """Sums the stats reports of each worker; writes PREFIX_workers.csv when Locust writes its CSV."""

    def __init__(self, events, csv_prefix=None):
        self._csv_prefix = csv_prefix
        self._counts = {}  # worker id -> [requests, failures]
        events.worker_report.add_listener(self._on_worker_report)
        events.quitting.add_listener(self._on_quitting)

    def _on_worker_report(self, client_id, data):
        # Each report holds what the worker counted since its last one.
        total = data.get("stats_total", {})
        counts = self._counts.setdefault(client_id, [0, 0])
        counts[0] += total.get("num_requests", 0)
        counts[1] += total.get("num_failures", 0)

    def _on_quitting(self, environment, **_kwargs):
        for worker, (requests, failures) in sorted(self._counts.items()):
            logging.info("worker %s: %d requests, %d failures", worker, requests, failures)
        if self._csv_prefix:
            with open(f"{self._csv_prefix}_workers.csv", "w", newline="") as file:
                writer = csv.writer(file)
                writer.writerow(["Worker", "Request Count", "Failure Count"])
                for worker, (requests, failures) in sorted(self._counts.items()):
                    writer.writerow([worker, requests, failures])
