"""The Chair's analysis of free-text answers: grouping, a codebook of themes, suggested themes.

The pure core (`text`, `grouping`, `suggest`, `coding_files`) takes plain text and returns plain data,
with no database; `models`, `services`, `selectors` and `views` put Django around it. Every text that
reaches this package has already passed through the anonymizer.
"""
