"""The engine's one refusal, raised by the refresh and by the back ends."""


class RefreshError(Exception):
    """Nothing to compute, or a refusal the person can act on."""
