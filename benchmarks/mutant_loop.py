"""Mutants run in one pytest session, one after another: a pytest plugin beside `make mutants`.

mutmut forks a fresh pytest (and Django, and the test database) for every mutant: 0.1 mutant/s
on this machine under load, hours for the rules modules. This plugin runs in `mutants/`
after `mutmut run` has generated the mutants and written `mutants/mutmut-stats.json` (which
tests call which function), switches mutmut's trampoline from mutant to mutant inside one
session, and runs each mutant's tests until the first failure (0.3-0.5 mutant/s). Before the
first mutant it runs every planned test without a mutant: they must all pass, or a "killed"
would mean nothing (written as `clean_failure`). Functools caches of Pantau's modules are
cleared between mutants, so a value computed under one mutant is not reused under the next.
How the scores were measured with it: docs/mutation-testing.md.

Run from `mutants/` with `-p mutant_loop` (the plugin on PYTHONPATH). Environment:
MUTLOOP_MUTANTS, a file of mutant names, one a line; MUTLOOP_OUT, a JSON-lines file the
verdicts are appended to; MUTLOOP_EXTRA, comma-separated test-file prefixes run first for
every mutant besides the tests the stats map to it; MUTLOOP_CLEAN=0 skips the clean run.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time

from _pytest.runner import runtestprotocol
from mutmut.mutation.trampoline import set_mutant_under_test
from mutmut.utils.format_utils import mangled_name_from_mutant_name


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout("mutant took too long")


def _short_failure(excinfo, *args, **kwargs) -> str:
    return f"{excinfo.typename}: {excinfo.value!r}"[:300]


def _reset_caches():
    """Clear every functools cache of a loaded Pantau module."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("pantau.") or module is None:
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def pytest_runtestloop(session):
    if session.config.option.collectonly:
        return None
    with open(os.environ["MUTLOOP_MUTANTS"], encoding="utf-8") as names:
        mutants = [m.strip() for m in names if m.strip()]
    with open("mutants/mutmut-stats.json", encoding="utf-8") as stats_file:
        stats = json.load(stats_file)
    out = open(os.environ["MUTLOOP_OUT"], "a", encoding="utf-8")  # noqa: SIM115 (the session's)
    by_function = stats["tests_by_mangled_function_name"]
    duration = stats["duration_by_test"]
    extra = [p for p in os.environ.get("MUTLOOP_EXTRA", "").split(",") if p]
    items = {item.nodeid: item for item in session.items}
    for item in session.items:
        # a failure's traceback would parse the (huge) mutated source files: seconds each
        item.repr_failure = _short_failure
    extra_items = [item for item in session.items if any(item.nodeid.startswith(p) for p in extra)]

    def plan(name):
        mapped = [t for t in by_function.get(mangled_name_from_mutant_name(name), ()) if t in items]
        mapped.sort(key=lambda t: duration.get(t, 1.0))
        chosen = list(extra_items)
        seen = {item.nodeid for item in chosen}
        chosen += [items[t] for t in mapped if t not in seen]
        return chosen, len(mapped)

    plans = [(name, *plan(name)) for name in mutants]
    # clean run: every planned test passes without a mutant
    if os.environ.get("MUTLOOP_CLEAN", "1") == "1":
        set_mutant_under_test("")
        _reset_caches()
        clean = []
        for _, tests, _ in plans:
            clean += [t for t in tests if t not in clean]
        for index, item in enumerate(clean):
            nxt = clean[index + 1] if index + 1 < len(clean) else None
            reports = runtestprotocol(item, nextitem=nxt, log=False)
            if any(r.failed for r in reports):
                out.write(json.dumps({"clean_failure": item.nodeid}) + "\n")
                out.flush()
        out.write(json.dumps({"clean_done": len(clean)}) + "\n")
        out.flush()
    signal.signal(signal.SIGALRM, _alarm)
    firsts = [tests[0] if tests else None for _, tests, _ in plans]
    for position, (name, tests, _mapped) in enumerate(plans):
        following = next((f for f in firsts[position + 1 :] if f is not None), None)
        if not tests:
            out.write(json.dumps({"mutant": name, "status": "no tests"}) + "\n")
            out.flush()
            continue
        set_mutant_under_test(name)
        _reset_caches()
        started = time.monotonic()
        killer = None
        signal.alarm(180)
        try:
            for index, item in enumerate(tests):
                nxt = tests[index + 1] if index + 1 < len(tests) else following
                reports = runtestprotocol(item, nextitem=nxt, log=False)
                if any(r.failed for r in reports):
                    killer = item.nodeid
                    if nxt is not following:
                        session._setupstate.teardown_exact(following)
                    break
        except Timeout:
            killer = "timeout"
            session._setupstate.teardown_exact(following)
        finally:
            signal.alarm(0)
        set_mutant_under_test("")
        os.environ["MUTANT_UNDER_TEST"] = ""
        out.write(
            json.dumps(
                {
                    "mutant": name,
                    "status": "killed" if killer else "survived",
                    "by": killer,
                    "tests": len(tests),
                    "seconds": round(time.monotonic() - started, 2),
                }
            )
            + "\n"
        )
        out.flush()
    _reset_caches()
    return True
