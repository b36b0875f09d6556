"""The anonymized summary for the WGTR report: build, gate, write, and its lifecycle."""
