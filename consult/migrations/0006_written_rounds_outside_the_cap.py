"""Annex 1 as written: written requests take no cap place, CSP cycles never overlap, tools in the
restricted area (§9).

Existing data is brought in line first: written rounds give back their places; cycles that overlap are
either merged (the same name spelled with another dash, case or spacing) or the earlier one ends the day
before the later one starts (a CSP day counted in both). Tools named as the online reporting tool or the
information exchange platform are marked as hosted in the restricted area.
"""

import re

from django.db import migrations, models

OVERLAP_CONSTRAINT = "cycle_periods_never_overlap"
RESTRICTED_AREA_TOOLS = ("online reporting tool", "information exchange platform")
DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")


def name_key(name):
    return re.sub(r"\s+", "", DASHES.sub("-", name)).casefold()


def release_written_slots(apps, schema_editor):
    Round = apps.get_model("consult", "Round")
    Round.objects.filter(mode="written", slot__isnull=False).update(slot=None)


def separate_cycles(apps, schema_editor):
    Cycle = apps.get_model("consult", "Cycle")
    Round = apps.get_model("consult", "Round")
    kept = []
    for cycle in Cycle.objects.order_by("starts_on", "pk"):
        earlier = kept[-1] if kept else None
        if earlier is None or cycle.starts_on > earlier.ends_on:
            kept.append(cycle)
        elif name_key(cycle.name) == name_key(earlier.name) or cycle.starts_on <= earlier.starts_on:
            _merge(Round, cycle, into=earlier)
            earlier.ends_on = max(earlier.ends_on, cycle.ends_on)
            earlier.save(update_fields=["ends_on"])
            cycle.delete()
        else:
            earlier.ends_on = min(earlier.ends_on, cycle.starts_on - _one_day())
            earlier.save(update_fields=["ends_on"])
            kept.append(cycle)
    if schema_editor.connection.vendor == "postgresql":
        # Check the moved rounds' keys now, so the tables can be altered in this same transaction.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _one_day():
    from datetime import timedelta

    return timedelta(days=1)


def _merge(Round, duplicate, *, into):
    taken = set(Round.objects.filter(cycle=into, slot__isnull=False).values_list("slot", flat=True))
    for round_ in Round.objects.filter(cycle=duplicate).order_by("scheduled_at", "pk"):
        if round_.slot is not None:
            free = [place for place in (1, 2) if place not in taken]
            if not free:
                raise RuntimeError(
                    f"Cycles “{into.name}” and “{duplicate.name}” cover the same period and together hold more "
                    "than two online or in-person consultations (Annex 1 §10). Cancel the extra ones that have "
                    "not opened yet, or change one cycle's dates, then migrate again."
                )
            round_.slot = free[0]
            taken.add(free[0])
        round_.cycle = into
        round_.save(update_fields=["cycle", "slot"])


def mark_restricted_area_tools(apps, schema_editor):
    Tool = apps.get_model("consult", "Tool")
    for tool in Tool.objects.all():
        if tool.name.strip().casefold() in RESTRICTED_AREA_TOOLS:
            tool.restricted_area = True
            tool.save(update_fields=["restricted_area"])


def add_overlap_constraint(apps, schema_editor):
    # PostgreSQL enforces it; elsewhere the services' check is the guard.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE consult_cycle ADD CONSTRAINT {OVERLAP_CONSTRAINT} "
            "EXCLUDE USING gist (daterange(starts_on, ends_on, '[]') WITH &&)"
        )


def drop_overlap_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE consult_cycle DROP CONSTRAINT IF EXISTS {OVERLAP_CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [
        ("consult", "0005_closing_figures"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="round", name="round_beyond_draft_holds_slot"),
        migrations.RunPython(release_written_slots, migrations.RunPython.noop),
        migrations.RunPython(separate_cycles, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="round",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("slot__isnull", False),
                    models.Q(("state__in", ("scheduled", "open", "closed", "summarised")), _negated=True),
                    models.Q(("mode__in", ("online", "in_person")), _negated=True),
                    _connector="OR",
                ),
                name="round_consultation_beyond_draft_holds_slot",
            ),
        ),
        migrations.AddConstraint(
            model_name="round",
            constraint=models.CheckConstraint(
                condition=models.Q(("slot__isnull", True), ("mode__in", ("online", "in_person")), _connector="OR"),
                name="round_written_holds_no_slot",
            ),
        ),
        migrations.AlterField(
            model_name="round",
            name="mode",
            field=models.CharField(
                choices=[
                    ("written", "Request for written input"),
                    ("online", "Online meeting"),
                    ("in_person", "In-person meeting"),
                ],
                default="written",
                max_length=16,
                verbose_name="mode",
            ),
        ),
        migrations.AddField(
            model_name="tool",
            name="restricted_area",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Annex 1 §9: consultations on it are restricted to States Parties' representatives unless you "
                    "state why not (the online reporting tool and the information exchange platform are)."
                ),
                verbose_name="hosted in the restricted area of the ATT website",
            ),
        ),
        migrations.RunPython(mark_restricted_area_tools, migrations.RunPython.noop),
        migrations.RunPython(add_overlap_constraint, drop_overlap_constraint),
    ]
