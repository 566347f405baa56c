"""The Kickoff test suite: a package, so tests share helpers (``tests.fixtures``)."""
