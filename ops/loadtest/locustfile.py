"""The REST API under load (bin/loadtest-rest runs it): readers of tracks, statuses, jobs and
/health, and one user in ten who also triggers enrichment now and then, while the service enriches
its catalogue against sources that fail half their calls.

At the end it prints one summary line and exits non-zero when a target is missed:
  LOADTEST-REST requests=… requests_per_s=… 5xx=… failures=… health_p50_ms=… health_p99_ms=… triggers=… trigger_p99_ms=…
Targets: no 5xx, /health p99 under 500 ms.

Environment: TRACK_IDS_FILE (one track id a line, from the catalogue the script imported),
API_TOKEN (the service's token, for POST /enrich/trigger).
"""
import os
import random
import time

from locust import HttpUser, between, events, task

TRACK_IDS = [line.strip() for line in open(os.environ["TRACK_IDS_FILE"]) if line.strip()]
TOKEN = os.environ["API_TOKEN"]
HEALTH_P99_TARGET_MS = 500

stats = {"requests": 0, "5xx": 0, "failures": 0, "health": [], "triggers": [], "started": None, "statuses": {}}


@events.test_start.add_listener
def _started(environment, **kwargs):
    stats["started"] = time.monotonic()


@events.request.add_listener
def _counted(request_type, name, response_time, response_length, response=None, exception=None, **kwargs):
    stats["requests"] += 1
    status = getattr(response, "status_code", 0) or 0
    stats["statuses"][status] = stats["statuses"].get(status, 0) + 1
    if status >= 500:
        stats["5xx"] += 1
    if exception is not None or status == 0:
        stats["failures"] += 1
    if name == "/health":
        stats["health"].append(response_time)
    elif name == "/enrich/trigger":
        stats["triggers"].append(response_time)


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100.0 * (len(ordered) - 1))))]


@events.quitting.add_listener
def _summary(environment, **kwargs):
    seconds = max(0.001, time.monotonic() - (stats["started"] or time.monotonic()))
    health_p50 = percentile(stats["health"], 50)
    health_p99 = percentile(stats["health"], 99)
    print()
    print("status codes: " + ", ".join(f"{code or 'no answer'}: {n}" for code, n in sorted(stats["statuses"].items())))
    print(("LOADTEST-REST requests={} requests_per_s={:.1f} 5xx={} failures={} health_p50_ms={:.0f} health_p99_ms={:.0f} "
           "triggers={} trigger_p99_ms={:.0f}").format(
        stats["requests"], stats["requests"] / seconds, stats["5xx"], stats["failures"], health_p50, health_p99,
        len(stats["triggers"]), percentile(stats["triggers"], 99)))
    missed = []
    if stats["5xx"] > 0 or stats["failures"] > 0:
        missed.append("5xx or unanswered requests")
    if not stats["health"] or health_p99 >= HEALTH_P99_TARGET_MS:
        missed.append(f"/health p99 {health_p99:.0f} ms (target < {HEALTH_P99_TARGET_MS})")
    print("targets: " + ("met" if not missed else "MISSED: " + "; ".join(missed)))
    environment.process_exit_code = 1 if missed else 0


class Reader(HttpUser):
    """Reads what an operator or a client reads: tracks, their status, the runs, the health."""
    weight = 9
    wait_time = between(0.5, 1.5)

    @task(3)
    def track(self):
        self.client.get(f"/tracks/{random.choice(TRACK_IDS)}", name="/tracks/{id}")

    @task(3)
    def status(self):
        self.client.get(f"/enrich/status/{random.choice(TRACK_IDS)}", name="/enrich/status/{id}")

    @task(2)
    def health(self):
        self.client.get("/health", name="/health")

    @task(1)
    def jobs(self):
        answer = self.client.get("/jobs?limit=10", name="/jobs")
        try:
            executions = answer.json().get("executions", [])
        except ValueError:
            return
        if executions:
            self.client.get(f"/jobs/{executions[0]['id']}", name="/jobs/{id}")


class Triggerer(Reader):
    """One user in ten: reads too, and now and then asks for enrichment (due now, or some named tracks)."""
    weight = 1

    @task(2)
    def trigger(self):
        headers = {"Authorization": f"Bearer {TOKEN}"}
        if random.random() < 0.5:
            self.client.post("/enrich/trigger?limit=200", headers=headers, name="/enrich/trigger")
        else:
            ids = random.sample(TRACK_IDS, min(5, len(TRACK_IDS)))
            self.client.post("/enrich/trigger", json={"track_ids": ids}, headers=headers, name="/enrich/trigger")
