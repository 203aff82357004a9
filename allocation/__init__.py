"""Optimisation island: placement, cost games and fair splits on plain data (no coop, no DB).

``solver`` is the only module that talks to a solver; ``placement/`` chooses hosts and
``games/`` splits costs. Import every name from the module that defines it.
"""
