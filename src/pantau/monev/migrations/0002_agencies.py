"""The agencies of the Inpres 2/2021 coordination team and BPJS Ketenagakerjaan, so that
actions can be owned by them from the start (`pantau agencies add` adds branches)."""

from django.db import migrations

AGENCIES = [
    ("kemenko-pmk", "Kementerian Koordinator Bidang Pembangunan Manusia dan Kebudayaan"),
    ("kemendagri", "Kementerian Dalam Negeri"),
    ("setkab", "Sekretariat Kabinet"),
    ("ksp", "Kantor Staf Presiden"),
    ("kemnaker", "Kementerian Ketenagakerjaan"),
    ("bpjs-ketenagakerjaan", "BPJS Ketenagakerjaan"),
]


def add(apps, schema_editor):
    Agency = apps.get_model("monev", "Agency")
    for code, name in AGENCIES:
        Agency.objects.get_or_create(code=code, defaults={"name": name})


def remove(apps, schema_editor):
    apps.get_model("monev", "Agency").objects.filter(code__in=[c for c, _ in AGENCIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("monev", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
