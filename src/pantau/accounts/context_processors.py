from pantau.accounts.scope import can_upload


def navigation(request) -> dict:
    """What the top bar offers this user (no query: the user is already loaded)."""
    user = getattr(request, "user", None)
    return {"may_upload": bool(user and can_upload(user))}
