"""Host placement: data → build (MILP) → solve → report, infeasibility explained, p-median."""
