"""The words reports print and how Thai is written: the vocabulary (titles, headers, status
words, kinds of organisation, declared once), Thai text to standard Unicode, Thai dates
and numbers, how much of a text reads as dictionary words, and words read by OCR matched
to the vocabulary despite a letter or two.

The bottom of the parser: imports no other stage.
"""
