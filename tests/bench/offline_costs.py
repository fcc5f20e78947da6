"""Measurement 6: what the offline writer and painter cost per pitch (and per pitch-meeting turn), and what loading
them costs.

Writing is timed in wall-clock milliseconds for the five texts of a pitch; painting in CPU seconds
of this process for one full-size poster (1024×1536). The cold start (importing the lexicon and
language model, then the first pitch) runs in a fresh python so that nothing is cached.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from report import Report

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent.parent
TASKS = ("reply", "synopsis", "title", "cast", "image_prompt")
_COLD = r"""
import json, time
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
before, started = rss(), time.perf_counter()
from moviepitch.offline import plan_story, write_synopsis, warm
warm()
loaded, loaded_rss = time.perf_counter(), rss()
write_synopsis(plan_story("A retired ballerina trains a hockey team of misfits.", 0))
print(json.dumps({"load": loaded - started, "first": time.perf_counter() - loaded, "rss": loaded_rss - before}))
"""


KNOBS = (
    {"temperature": 0.2},
    {"temperature": 1.6},
    {"frequency_penalty": 1.5},
    {"frequency_penalty": -1.5},
    {"presence_penalty": 1.5},
    {"presence_penalty": -1.5},
)
MEETING = (
    "make it a heist comedy",
    "make it darker",
    "set it in Tokyo in the 1920s",
    "cast someone younger as the lead",
    "add a dog",
    "shorter",
    "a punchier title",
    "a darker poster",
    "can you make it rhyme?",
)


def _meeting_turn(provider, idea: str, message: str, three: bool) -> float:
    """Milliseconds for one offline meeting turn, the pitch written first as the app would show it."""
    from moviepitch.providers.base import TextRequest

    context = {"idea": idea, "seed": 0}
    pitch = {
        task: provider.text(TextRequest(task, [], context=context)).text
        for task in ("title", "synopsis", "image_prompt")
    }
    started = time.perf_counter()
    provider.text(
        TextRequest(
            "meeting",
            [],
            context={
                **context,
                "pitch": pitch,
                "message": message,
                "applied": ["make it funnier"],
                "alternatives": 3 if three else 1,
            },
        )
    )
    return (time.perf_counter() - started) * 1000


def _ideas() -> list[str]:
    ideas = []
    for name in ("sample.txt", "fresh.txt"):
        for line in (BENCH / "ideas" / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                ideas.append(line.strip())
    return ideas


def measure_offline(report: Report, posters: int = 20) -> None:
    """6: writing time and painting CPU per pitch, over the sample and held-out ideas."""
    print("\n6. The offline writer and painter ...", flush=True)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from moviepitch.offline import paint_poster, plan_story
    from moviepitch.providers.base import TextRequest
    from moviepitch.providers.offline_provider import OfflineProvider

    cold = json.loads(
        subprocess.run(
            [sys.executable, "-c", _COLD], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
        ).stdout
    )
    provider = OfflineProvider()
    provider.warm()
    ideas = _ideas()
    writing = []
    for seed in (0, 1):
        for idea in ideas:
            started = time.perf_counter()
            for task in TASKS:
                provider.text(TextRequest(task, [], context={"idea": idea, "seed": seed}))
            writing.append((time.perf_counter() - started) * 1000)
    knobbed = []  # the same pitches written with the knobs turned (creativity, penalties)
    for knobs in KNOBS:
        for idea in ideas:
            started = time.perf_counter()
            for task in TASKS:
                provider.text(TextRequest(task, [], context={"idea": idea, "seed": 0, **knobs}))
            knobbed.append((time.perf_counter() - started) * 1000)
    turns = [
        _meeting_turn(provider, idea, message, three)
        for idea in ideas[:10]
        for message in MEETING
        for three in (False, True)
    ]
    painting = []
    paint_poster(plan_story(ideas[-1], 0))  # the first poster pays for Pillow's lazy set-up
    for idea in ideas[:posters]:
        started = time.process_time()
        paint_poster(plan_story(idea, 0))
        painting.append(time.process_time() - started)
    worst_write, worst_paint = max(writing), max(painting)
    report.add(
        "6",
        f"Offline writing per pitch (five texts; {len(writing)} pitches): median, max",
        f"{statistics.median(writing):.1f} ms, {worst_write:.1f} ms",
        "< 50 ms",
        worst_write < 50,
    )
    report.add(
        "6",
        f"Offline writing with the knobs turned ({len(knobbed)} pitches at creativity 0.2 and 1.6, "
        "penalties ±1.5): median, max",
        f"{statistics.median(knobbed):.1f} ms, {max(knobbed):.1f} ms",
        "< 50 ms",
        max(knobbed) < 50,
    )
    report.add(
        "6",
        f"Offline pitch-meeting turn ({len(turns)} turns: each kind of request, one and three "
        "alternatives): median, max",
        f"{statistics.median(turns):.1f} ms, {max(turns):.1f} ms",
        "< 50 ms",
        max(turns) < 50,
    )
    report.add(
        "6",
        f"Offline painting CPU per 1024×1536 poster ({len(painting)} posters): median, max",
        f"{statistics.median(painting):.3f} s, {worst_paint:.3f} s",
        "< 0.3 s",
        worst_paint < 0.3,
    )
    report.add(
        "6",
        "Offline writer cold start in a fresh process: loading the lexicon and language model "
        "(time, RSS), then the first pitch",
        f"{cold['load']:.2f} s, +{cold['rss']:.0f} MiB; {cold['first'] * 1000:.0f} ms",
        "none set",
    )
