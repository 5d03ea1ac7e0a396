"""Report sections: the memo, the summary and status tables, the project list over all its
pages and the running text, each read from `PageContent` pages whoever built them (the
text layer or a page image), found by what they say, never by where they are printed;
what could not be read, as the contract's parse warnings or a null.

Imports `layout` and `language`, never `text_layer` or `ocr` (import-linter holds it).
"""
