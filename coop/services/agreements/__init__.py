"""Agreement use cases: drafts, versions, adoption and the views the pages show."""
