"""Both job runners implement the Jobs protocol, so no caller asks which one it has."""

from __future__ import annotations

import inspect

import pytest

from moviepitch.jobs import Jobs, NoQueue
from moviepitch.jobs.rq import RQJobs
from moviepitch.jobs.threads import ThreadJobs

MEMBERS = sorted(name for name in vars(Jobs) if not name.startswith("_")) + ["shared"]


@pytest.mark.parametrize("runner", [ThreadJobs, RQJobs])
@pytest.mark.parametrize("member", MEMBERS)
def test_each_runner_has_every_member_of_the_protocol_with_its_signature(runner, member):
    assert hasattr(runner, member)
    if callable(getattr(Jobs, member, None)):
        # The same parameters; a runner may say more about what it returns.
        parameters = [inspect.signature(getattr(cls, member)).parameters for cls in (runner, Jobs)]
        assert parameters[0] == parameters[1]


def test_a_thread_pool_has_no_queue_to_ping_or_work_on():
    jobs = ThreadJobs(lambda slug: slug)
    assert jobs.shared is False and jobs.ping() is None
    with pytest.raises(NoQueue):
        jobs.work(burst=True)


def test_an_unreachable_queue_pings_false():
    jobs = RQJobs("redis://127.0.0.1:1/0")
    assert jobs.shared is True and jobs.ping() is False


def test_the_worker_command_needs_a_queue(runner):
    result = runner.invoke(args=["worker", "--burst"])
    assert result.exit_code == 1 and "set REDIS_URL" in result.output
