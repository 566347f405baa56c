"""Kickoff: run a pre-project kick-off call from the terminal."""

__version__ = "0.2.0"
