import pytest


def test_region_json(client, db, django_assert_num_queries):
    with django_assert_num_queries(2):
        response = client.get("/api/regions/64.02/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {"code", "name", "level", "parent_code", "children"}
    assert body["code"] == "64.02"
    assert body["name"] == "Kabupaten Kutai Kartanegara"
    assert body["level"] == "regency"
    assert body["parent_code"] == "64"
    assert len(body["children"]) == 20
    assert body["children"][0] == {"code": "64.02.01", "name": "Muara Muntai", "level": "district"}


def test_undotted_code_gives_the_same_json(client, db):
    assert client.get("/api/regions/6402/").json() == client.get("/api/regions/64.02/").json()


def test_province_has_no_parent(client, db):
    body = client.get("/api/regions/64/").json()
    assert body["parent_code"] is None
    assert {child["level"] for child in body["children"]} == {"regency", "city"}


@pytest.mark.parametrize("code", ["99", "64.99", "xyz", "6402052"])
def test_unknown_code_is_404_json(client, db, code):
    response = client.get(f"/api/regions/{code}/")
    assert response.status_code == 404
    assert response.json()["code"] == code
