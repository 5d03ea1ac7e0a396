"""The round-trip matrix: reports drawn at random from a seed, each made by a producer, font,
mark style, layout, text-layer defect and scanner drawn independently, with a truth built from
the generator's data model (never from the parser), then parsed and scored field by field.

`python -m sample_reports.generator.matrix --n N` runs it (`make matrix N=…`); `make test`
runs a fixed slice (tests/test_matrix.py). Cases are reproducible from (seed, index); none is
committed.
"""
