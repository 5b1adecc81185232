# A membership extract covers a region: one current extract per month and region.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("lake", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="snapshot",
            name="one_current_membership_snapshot",
        ),
        migrations.AddField(
            model_name="snapshot",
            name="region_code",
            field=models.CharField(
                blank=True, default="", max_length=13, verbose_name="wilayah cakupan"
            ),
        ),
        migrations.AddConstraint(
            model_name="snapshot",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_current", True), ("kind", "members")),
                fields=("as_of", "region_code"),
                name="one_current_membership_snapshot",
            ),
        ),
    ]
