from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from pantau.regions.lookup import RegionNotFound


def home(request: HttpRequest) -> HttpResponse:
    """Land on the user's own region; the national team on Indonesia."""
    code = request.user.scope_code
    if code is None:
        return redirect("dashboard:national")
    return redirect(reverse("dashboard:region", args=[code]))


@login_not_required
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    context = {
        "message": str(exception) if isinstance(exception, RegionNotFound) else "",
        "code": getattr(exception, "code", ""),
    }
    return render(request, "404.html", context, status=404)
