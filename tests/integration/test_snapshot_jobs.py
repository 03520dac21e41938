"""Snapshots and deployment jobs (README "Snapshots"): a restored job is as it was when saved, with
its robots, timeline, barrier and idempotency token, and continues from the simulated present
(time never goes back) with the time it had left. Waiters on jobs a restore removes are answered
as after a reset. Manual clock throughout."""
import threading

import pytest

from conftest import make_client
from deploy_helpers import (advance, advance_until, create_job, events, hold, make_fleet, make_version, now_ms,
                            release, run_to_end, status_is, wait_job)
from helpers import strip
from snapshot_helpers import restore, save


@pytest.fixture
def manual(start_server):
    return start_server(args=["--clock", "manual"])


def in_progress_job(client, url, token="t1"):
    fleet, _ = make_fleet(client, "fleet", robots=3)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, token)["arn"]
    advance_until(client, url, job, status_is("InProgress"))
    return fleet, app, version, job


def test_a_restored_job_continues_from_the_present(manual):
    client = make_client(manual.url)
    fleet, app, version, job = in_progress_job(client, manual.url)
    at_save = strip(client.describe_deployment_job(job=job))
    timeline = events(manual.url, job)
    save(manual.url, "mid-job")
    run_to_end(client, manual.url, job)
    advance(manual.url, 3600)
    later = now_ms(manual.url)

    assert restore(manual.url, "mid-job")["restored"]["deploymentJobs"] == 1
    assert now_ms(manual.url) == later  # the clock is not part of a snapshot
    assert strip(client.describe_deployment_job(job=job)) == at_save
    assert events(manual.url, job) == timeline
    # The same token and request answer the restored job (idempotency tokens are restored).
    again = create_job(client, fleet, app, version, "t1")
    assert again["arn"] == job
    done = run_to_end(client, manual.url, job)
    assert done["status"] == "Succeeded"
    new = events(manual.url, job)[len(timeline):]
    assert new and all(e["time"] >= later / 1000 for e in new)


def test_a_barrier_is_restored(manual):
    client = make_client(manual.url)
    fleet, _ = make_fleet(client, "fleet", robots=2)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t")["arn"]
    hold(manual.url, job, "InProgress")
    advance(manual.url, 600)
    assert client.describe_deployment_job(job=job)["status"] == "InProgress"
    save(manual.url, "held")
    release(manual.url, job)
    run_to_end(client, manual.url, job)
    restore(manual.url, "held")
    advance(manual.url, 600)
    assert client.describe_deployment_job(job=job)["status"] == "InProgress"  # still held
    release(manual.url, job)
    assert run_to_end(client, manual.url, job)["status"] == "Succeeded"


def test_waiters_on_a_job_the_restore_removes_are_answered(manual):
    client = make_client(manual.url)
    save(manual.url, "empty")
    fleet, _ = make_fleet(client, "fleet", robots=1)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t")["arn"]
    answers = []
    waiter = threading.Thread(target=lambda: answers.append(wait_job(manual.url, job, timeout=60)))
    waiter.start()
    # Whether the waiter is parked before the restore or arrives after it, it must be answered long
    # before its 60 s timeout.
    restore(manual.url, "empty")
    waiter.join(30)
    assert not waiter.is_alive()
    assert answers[0].status == 400 and answers[0].error_type == "ResourceNotFoundException", answers[0].body
