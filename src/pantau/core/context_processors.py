def navigation(request) -> dict:
    """What the top bar offers this user (no query: the user is already loaded)."""
    from pantau.ingest.forms import may_upload

    user = getattr(request, "user", None)
    return {"may_upload": bool(user and may_upload(user))}
