"""The parser's versions, apart from the parser so that reading them loads no PDF library.

`SCHEMA_VERSION` is the contract document's (`schema_version`); `PARSER_VERSION` changes
whenever a document parsed from the same bytes could come out different (CHANGELOG.md says
when to run `raingan reparse`).
"""

SCHEMA_VERSION = 1
PARSER_VERSION = "1.4.0"
