"""The demo projects as package data and their reader."""
