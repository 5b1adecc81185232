"""Sign-in pages and the person-level list of a region's accounts."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views import View

from pantau.accounts.forms import LoginForm
from pantau.accounts.models import User
from pantau.accounts.scope import can_view_person_data
from pantau.regions.lookup import get_region


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class NoStoreMixin:
    """For every view that shows people (pages, previews, exports): `Cache-Control:
    no-store`, so neither a shared proxy nor the browser's cache keeps names and NIKs
    (UU PDP 27/2022) after the officer signs out."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
        return response


class PersonDataView(NoStoreMixin, View):
    """Base for pages that show people in a region: refused outside the user's subtree.

    Every person-level page (worker lists, gap lists, users) inherits this check, so
    the rule lives in `pantau.accounts.scope` and nowhere else; and `NoStoreMixin`.
    """

    def dispatch(self, request: HttpRequest, code: str, *args, **kwargs) -> HttpResponse:
        self.region = get_region(code)
        if not can_view_person_data(request.user, self.region.code):
            raise PermissionDenied("outside the user's region")
        return super().dispatch(request, code, *args, **kwargs)


class RegionUsersView(PersonDataView):
    """`/wilayah/<code>/pengguna/`: the accounts of officers inside a region."""

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        region = self.region
        users = (
            User.objects.filter(region__in=_subtree_codes(region))
            .select_related("region")
            .order_by("region_id", "username")
        )
        return render(request, "accounts/region_users.html", {"region": region, "users": users})


def _subtree_codes(region):
    from pantau.regions.models import Region

    return Region.objects.subtree(region).values("code")
