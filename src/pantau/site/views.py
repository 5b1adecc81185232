import functools
import os
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from pantau.core import heartbeat
from pantau.engine.models import Refresh
from pantau.regions.lookup import RegionNotFound
from pantau.site.freshness import moment_of


def home(request: HttpRequest) -> HttpResponse:
    """Land on the user's own region; the national team on Indonesia."""
    code = request.user.scope_code
    if code is None:
        return redirect("dashboard:national")
    return redirect(reverse("dashboard:region", args=[code]))


@login_not_required
def healthz(request: HttpRequest) -> JsonResponse:
    """What an operator's monitor polls (no login; docs/operations.md, "Pemantauan /
    Monitoring", lists the keys). One query (the last finished refresh, which also shows the
    database answers, timed) and two stat calls (the worker's heartbeat file, the data
    directory's free space): it is the web benchmark's baseline, so nothing more.

    `status`: `ok`; `degraded` when the worker's heartbeat is missing or older than
    `HEALTH_WORKER_STALE_SECONDS`, or free disk is below `HEALTH_MIN_FREE_BYTES`; `fail`
    (HTTP 503) when the database does not answer.
    """
    now = timezone.now()
    checks = {}
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute(*_last_refresh_sql())
            row = cursor.fetchone()
    except DatabaseError as error:
        checks["database"] = {"status": "fail", "error": type(error).__name__}
        checks["refresh"] = {"status": "unknown", "last_finished_at": None}
    else:
        latency = (time.perf_counter() - started) * 1000
        checks["database"] = {"status": "ok", "latency_ms": round(latency, 2)}
        finished = moment_of(row[0]) if row else None
        checks["refresh"] = {
            "status": "ok",
            "last_finished_at": finished.isoformat() if finished else None,
            "age_seconds": round((now - finished).total_seconds()) if finished else None,
        }

    beat = heartbeat.last_beat(_heartbeat_file(settings.DATA_DIR))
    age = (now - beat).total_seconds() if beat else None
    checks["worker"] = {
        "status": "ok" if age is not None and age <= settings.HEALTH_WORKER_STALE_SECONDS
        else "warn",
        "last_heartbeat_at": beat.isoformat() if beat else None,
        "age_seconds": round(age, 1) if age is not None else None,
    }  # fmt: skip

    disk = os.statvfs(settings.DATA_DIR)
    free = disk.f_bavail * disk.f_frsize
    checks["disk"] = {
        "status": "ok" if free >= settings.HEALTH_MIN_FREE_BYTES else "warn",
        "free_bytes": free,
        "total_bytes": disk.f_blocks * disk.f_frsize,
        "min_free_bytes": settings.HEALTH_MIN_FREE_BYTES,
    }

    if checks["database"]["status"] == "fail":
        status, code = "fail", 503
    elif any(check["status"] == "warn" for check in checks.values()):
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse(
        {"status": status, "time": now.isoformat(), "checks": checks},
        status=code,
        headers={"Cache-Control": "no-store"},
    )


@functools.lru_cache(maxsize=4)
def _heartbeat_file(data_dir) -> Path:
    return heartbeat.heartbeat_path(data_dir)


@functools.cache
def _last_refresh_sql() -> tuple[str, tuple]:
    """The last finished refresh's end, as SQL built once (a query built per request costs
    more than it runs)."""
    done = Refresh.objects.filter(status=Refresh.Status.DONE).order_by("-started_at")
    return done.values_list("finished_at")[:1].query.sql_with_params()


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    context = {
        "message": str(exception) if isinstance(exception, RegionNotFound) else "",
        "code": getattr(exception, "code", ""),
    }
    return render(request, "404.html", context, status=404)
