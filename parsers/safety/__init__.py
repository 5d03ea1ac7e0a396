"""Limits and damage: the per-file limits and the whole parse's deadline, the caps on what
pdfminer may inflate, a damaged PDF told from a bug, the contract's rejection codes.

Imports nothing else of the parser.
"""
