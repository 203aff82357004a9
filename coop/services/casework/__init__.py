"""Use cases for the council case package: saksframlegg per council and the package tracker."""
