"""Ingestion: files into the database. Which files a command names (`discovery`), one file
through hash, parse and load (`single_file`), many (`bulk`), an inbox and its ledger (`inbox`),
parsing in a child process under the parser's limits (`isolated_parse`, `parsing`), and what it
all gave (`outcomes`). Imports none of `outputs` or `operations`."""
