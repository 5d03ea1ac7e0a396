"""Hostile files: hand-built damaged PDFs, seeded mutations of the samples, and their runner."""
