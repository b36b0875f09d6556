"""The Secretariat's report on the advisory group's work in one cycle (Annex 1 §13), and its follow-up."""
