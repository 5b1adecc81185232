"""Map outlines are served as shipped (gzip), public, and cached by the browser for a year."""

from __future__ import annotations

import gzip
import json

from django.urls import reverse

from pantau.dashboard.geometry import geometry_etag, geometry_path


def test_provinces_are_served_gzipped_with_a_year_of_caching(client, db):
    response = client.get(reverse("dashboard:geometry-provinces"), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    features = json.loads(gzip.decompress(response.content))["features"]
    assert len(features) == 38


def test_a_client_without_gzip_gets_plain_json(client, db):
    response = client.get(reverse("dashboard:geometry-regencies", args=["64"]))
    assert "Content-Encoding" not in response
    codes = {f["properties"]["code"] for f in json.loads(response.content)["features"]}
    assert "64.02" in codes and len(codes) == 10


def test_a_known_version_is_not_sent_again(client, db):
    etag = geometry_etag(geometry_path("regencies", "64"))
    response = client.get(
        reverse("dashboard:geometry-regencies", args=["64"]), HTTP_IF_NONE_MATCH=f'"{etag}"'
    )
    assert response.status_code == 304
    assert response.content == b""


def test_unknown_maps_are_404(client, db):
    assert client.get("/peta/kabupaten/99.geojson").status_code == 404
    assert client.get("/peta/kabupaten/..%2Fx.geojson").status_code == 404
