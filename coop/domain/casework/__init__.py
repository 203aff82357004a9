"""The council case package: saksframlegg, forslag til vedtak and the package adoption tracker."""
