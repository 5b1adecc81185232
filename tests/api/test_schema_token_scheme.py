"""The OpenAPI document names the token scheme (`api.schema`, registered when the document is
made), and a data command's process does not import drf-spectacular for it."""

from __future__ import annotations

import subprocess
import sys

from drf_spectacular.generators import SchemaGenerator


def test_the_document_names_the_token_scheme(db):
    document = SchemaGenerator(api_version="v1").get_schema(request=None, public=True)
    scheme = document["components"]["securitySchemes"]["tokenAuth"]
    assert scheme["type"] == "apiKey" and scheme["name"] == "Authorization"


def test_a_process_that_makes_no_document_does_not_import_drf_spectacular(tmp_path):
    code = (
        "import django, sys; django.setup(); "
        "print('drf_spectacular.plumbing' in sys.modules, 'pantau.api.schema' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"DJANGO_SETTINGS_MODULE": "pantau.settings", "PATH": "/usr/bin",
                               "PYTHONPATH": ":".join(sys.path),
                               "PANTAU_DATA_DIR": str(tmp_path)})  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]
