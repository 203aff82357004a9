"""Blueprints for the server-rendered pages (bokmål), one module per audience."""
