# Claims extracts: a third kind of snapshot, and its count of flagged rows.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("lake", "0002_snapshot_region_code"),
    ]

    operations = [
        migrations.AddField(
            model_name="snapshot",
            name="flagged",
            field=models.PositiveIntegerField(default=0, verbose_name="ditandai"),
        ),
        migrations.AlterField(
            model_name="snapshot",
            name="kind",
            field=models.CharField(
                choices=[
                    ("workers", "Daftar pekerja Pemda"),
                    ("members", "Data kepesertaan BPJS"),
                    ("claims", "Data klaim BPJS"),
                ],
                max_length=10,
                verbose_name="jenis",
            ),
        ),
    ]
