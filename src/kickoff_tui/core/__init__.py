"""The core of Kickoff: models, agenda templates, capture parser, clock, store, minutes and
clipboard. Nothing in this package imports Textual, so it is usable (and testable) without a
terminal, and the CLI's fast commands never pay for the UI."""
