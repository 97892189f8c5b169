"""Each history record names the edit (the request or command) that made it: config.edits.

Records made before have none; recovering what they deleted falls back to the rows deleted
within seconds of the object (config.history_admin)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contacts', '0004_office_history'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicaloffice',
            name='history_edit',
            field=models.UUIDField(blank=True, db_index=True, editable=False, null=True),
        ),
    ]
