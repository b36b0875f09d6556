"""Store every e-mail address in the folded form logins and the lockout now use (look-alike letters such
as the dotless i and the long s mapped to the letters they resemble). An address whose folded form already belongs to
another account is left as it was: the Secretariat sees both in the participant list."""

import unicodedata

from django.db import migrations

LOOK_ALIKES = str.maketrans({"\u0131": "i", "\u0130": "I"})  # dotless i, dotted capital I


def fold(value):
    text = unicodedata.normalize("NFKC", (value or "").strip()).translate(LOOK_ALIKES)
    return unicodedata.normalize("NFKC", text.lower())


def fold_addresses(apps, schema_editor):
    User = apps.get_model("participants", "User")
    Invitation = apps.get_model("participants", "Invitation")
    taken = set(User.objects.values_list("email", flat=True))
    for user in User.objects.all().only("pk", "email"):
        folded = fold(user.email)
        if folded != user.email and folded not in taken:
            User.objects.filter(pk=user.pk).update(email=folded)
            taken.add(folded)
    for invitation in Invitation.objects.all().only("pk", "email"):
        folded = fold(invitation.email)
        if folded != invitation.email:
            Invitation.objects.filter(pk=invitation.pk).update(email=folded)


class Migration(migrations.Migration):
    dependencies = [("participants", "0008_time_zone_any_known_name")]

    operations = [migrations.RunPython(fold_addresses, migrations.RunPython.noop)]
