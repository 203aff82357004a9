"""Budget import use cases: preview and commit, the column question, the KOSTRA function map."""
