"""Cooperative cost games: values, core, LP splits (least core, nucleolus), key fitting."""
