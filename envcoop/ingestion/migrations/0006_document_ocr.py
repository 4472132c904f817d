# A scan's pages as OCR read them (envcoop/ingestion/ocr). Named 0005_document_ocr: a
# parallel 0005 (provenance) is renumbered at merge.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('ingestion', '0005_document_provenance_and_original'),
    ]

    operations = [
        migrations.AddField(
            model_name='document',
            name='ocr_pages',
            field=models.JSONField(blank=True, null=True, verbose_name='OCR pages'),
        ),
    ]
