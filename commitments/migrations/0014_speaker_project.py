import django.db.models.deletion
from django.db import migrations, models


def speakers_into_first_project(apps, schema_editor):
    """Today's roster belongs to the first project, so a site of one project changes nothing."""
    Project = apps.get_model("commitments", "Project")
    Speaker = apps.get_model("commitments", "Speaker")
    first = Project.objects.order_by("id").first()
    if first is not None:
        Speaker.objects.filter(project__isnull=True).update(project=first)


class Migration(migrations.Migration):

    dependencies = [
        ("commitments", "0013_project"),
    ]

    operations = [
        migrations.AddField(
            model_name="speaker",
            name="project",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="speakers",
                to="commitments.project",
                help_text="The project whose transcripts this speaker speaks in; the roster is per project.",
            ),
        ),
        migrations.AlterField(
            model_name="speaker",
            name="name",
            field=models.CharField(help_text="As tagged in transcripts, e.g. “Bin”.", max_length=100),
        ),
        migrations.AddConstraint(
            model_name="speaker",
            constraint=models.UniqueConstraint(fields=("project", "name"), name="unique_speaker_per_project"),
        ),
        migrations.RunPython(speakers_into_first_project, migrations.RunPython.noop),
    ]
