"""Each history record names the edit (the request or command) that made it: config.edits.

Records made before have none; recovering what they deleted falls back to the rows deleted
within seconds of the object (config.history_admin)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('profiles', '0006_statistic_count_whole_number'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalcountry',
            name='history_edit',
            field=models.UUIDField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='historicalindicator',
            name='history_edit',
            field=models.UUIDField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='historicalstatistic',
            name='history_edit',
            field=models.UUIDField(blank=True, db_index=True, editable=False, null=True),
        ),
    ]
