"""What the participants app tells the apps built on it, so that it never imports them.

The apps above (consult, feedback) connect their receivers in their AppConfig.ready().
"""

from django.dispatch import Signal

# Sent after the approval is committed; `participant_id`. Consult invites the person to meetings ahead.
participant_approved = Signal()

# Sent inside the erasure's transaction; `participant`. Receivers forget whatever they keep that names
# the person (feedback deletes the letters of their written submissions).
participant_erased = Signal()

# Sent while the person's data export is built; `participant`. Each receiver returns a dict of sections
# to add to the export (feedback adds the person's own responses).
personal_data_requested = Signal()
