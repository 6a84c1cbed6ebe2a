#!/usr/bin/env python3
"""The oracle of CliIT.WhereOnTierTablesEqualsPyarrowFilter: argv =
unfiltered.arrows filtered.arrows expression [first_column]. The filtered
read's columns are the wanted ones (first_column first when the SELECT
named one, and the $log metadata columns after it). The unfiltered read ($log or $lake without
WHERE), filtered by pyarrow.compute evaluating `expression` (a Python
expression over `F` = pyarrow.compute.field), must equal the filtered read
row for row. Prints "<rows> rows" and exits 0 when they do."""
import sys

import pyarrow.compute as pc
import pyarrow.ipc as ipc

F = pc.field
everything = ipc.open_stream(sys.argv[1]).read_all()
filtered = ipc.open_stream(sys.argv[2]).read_all()
if len(sys.argv) > 4 and filtered.column_names[0] != sys.argv[4]:
    sys.exit("the CLI returned columns %s" % filtered.column_names)
want = everything.filter(eval(sys.argv[3])).select(filtered.column_names)
if want.num_rows == 0:
    sys.exit("the oracle keeps no row: a test that shows nothing")
# repr: NaN equals NaN.
if [repr(r) for r in want.to_pylist()] != [repr(r) for r in filtered.to_pylist()]:
    sys.exit("rows differ: pyarrow keeps %d, the CLI returned %d" % (want.num_rows, filtered.num_rows))
print("%d rows" % filtered.num_rows)
