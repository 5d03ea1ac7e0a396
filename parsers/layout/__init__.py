"""Page geometry and tables: one page as the parser sees it (`page.PageContent`: words,
ruled grids, candidate marks), ruling lines and the grids they draw, a grid into rows of
cells, columns named by their labels, grids inferred where no lines are printed, and
every geometric tolerance, declared once.

Below the readers that build pages (`text_layer`, `ocr`) and the sections that read them.
"""
