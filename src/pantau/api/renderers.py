"""`?format=csv`: a view of a table the pages download as CSV hands over the page's CSV
(text or bytes) as it is; anything else (an error's body) is written as JSON text."""

from __future__ import annotations

import json

from rest_framework import renderers


class CSVRenderer(renderers.BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        if isinstance(data, str):
            return data.encode("utf-8")
        return json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")


JSON_AND_CSV = [renderers.JSONRenderer, CSVRenderer]


def wants_csv(request) -> bool:
    renderer = getattr(request, "accepted_renderer", None)
    return getattr(renderer, "format", None) == "csv"
