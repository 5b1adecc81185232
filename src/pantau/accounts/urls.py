from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path

from pantau.accounts import views

urlpatterns = [
    path("accounts/login/", login_not_required(views.LoginView.as_view()), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/", views.ProfileView.as_view(), name="profile"),
    path("akun/token/<int:pk>/cabut/", views.RevokeTokenView.as_view(), name="token-revoke"),
    path(
        "wilayah/<str:code>/pengguna/",
        views.RegionUsersView.as_view(),
        name="region-users",
    ),
]
