"""The § 20-4 host-municipality agreement: law by date, wording, terms, drafts and adoption."""
