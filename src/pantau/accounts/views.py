"""Sign-in pages and the person-level list of a region's accounts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import View

from pantau.accounts import tokens
from pantau.accounts.forms import LoginForm, TokenForm
from pantau.accounts.models import ApiToken, User
from pantau.accounts.scope import can_view_person_data
from pantau.audit.actions import record
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


class ProfileView(NoStoreMixin, View):
    """`/akun/`: the signed-in user's name, role, region and personal API tokens.

    A new token is shown once, on the answer to the form that made it (not after a
    redirect, so a reload or the back button never shows it again); only its digest is kept.
    """

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._page(request, TokenForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = TokenForm(request.POST)
        if not form.is_valid():
            return self._page(request, form, status=400)
        user = request.user
        token, raw = tokens.create(user, form.cleaned_data["name"],
                                   form.cleaned_data["expires_days"])  # fmt: skip
        record(user, "api_token_created", user.region_id,
               f"token {token.pk} of {user.username}", request=request)  # fmt: skip
        return self._page(request, TokenForm(), new_token=raw, new=token)

    def _page(self, request, form, status=200, **extra) -> HttpResponse:
        listed = request.user.api_tokens.order_by("-created_at", "-id")
        context = {"form": form, "api_tokens": listed, "now": timezone.now(), **extra}
        return render(request, "accounts/profile.html", context, status=status)


class RevokeTokenView(View):
    """Revoke one of the signed-in user's own tokens (another's is a 404)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        token = get_object_or_404(ApiToken, pk=pk, user=request.user)
        if tokens.revoke(token):
            record(request.user, "api_token_revoked", request.user.region_id,
                   f"token {token.pk} of {request.user.username}", request=request)  # fmt: skip
            messages.success(request, _("Token %(prefix)s… dicabut.") % {"prefix": token.prefix})
        return redirect("profile")


def _subtree_codes(region):
    from pantau.regions.models import Region

    return Region.objects.subtree(region).values("code")
