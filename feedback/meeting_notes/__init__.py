"""The points raised at a meeting: recorded by the Secretariat or the Chair, anonymized before they are
stored, checked by the leak gate, and, once approved, part of the round's summary.

They live in feedback, not in consult.meetings, because the anonymizer and the leak gate that check
them live here and consult never imports feedback.
"""
