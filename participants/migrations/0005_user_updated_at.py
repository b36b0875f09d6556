import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("participants", "0004_erasure_and_append_only_audit")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now, verbose_name="updated"),
            preserve_default=False,
        ),
    ]
