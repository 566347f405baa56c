"""Widgets of the Kickoff UI: each shows state handed to it, and owns no meeting logic."""
