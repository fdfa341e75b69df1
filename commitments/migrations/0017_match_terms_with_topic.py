from django.db import migrations, models


def forget_match_terms(apps, schema_editor):
    """Match terms now hold the topic's name: the next import computes them again (see
    importers.suggest_evidence, which profiles rows whose match terms are empty)."""
    apps.get_model("commitments", "Commitment").objects.exclude(match_terms="").update(match_terms="")


class Migration(migrations.Migration):
    dependencies = [("commitments", "0016_correction_stamp_hash")]

    operations = [
        migrations.AlterField(
            model_name="commitment",
            name="match_terms",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text="What later sentences are matched against (evidence.signature of title, quote, condition, topic).",
            ),
        ),
        migrations.AlterField(
            model_name="evidencesuggestion",
            name="matched_question",
            field=models.CharField(
                blank=True,
                max_length=300,
                help_text="The question (and section heading), or the sentence before, through which the sentence was matched, when it does not name the commitment itself.",
            ),
        ),
        migrations.RunPython(forget_match_terms, migrations.RunPython.noop),
    ]
