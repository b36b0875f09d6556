"""Meetings that run themselves: finding a time, replies from any calendar, attendance.

A Django app of its own (label ``meetings``) inside consult: pure cores (``slots``, ``waitlist``,
``itip``, ``cells``) take plain data; services write, selectors read, views stay thin. The points
raised at a meeting live in ``feedback`` (``feedback.meeting_notes``), because the anonymizer and the
leak gate that check them live there and consult never imports feedback.
"""
