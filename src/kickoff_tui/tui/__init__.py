"""The Textual user interface: a thin App, behaviour on screens, widgets that show state."""

import os

# Textual draws at most TEXTUAL_FPS frames a second, and only when something changed. At the
# default 60 a captured line waits up to 16 ms for its frame; at 120, half that. Idle costs
# nothing more. Set before Textual is imported (it reads the variable once); a user's own
# setting wins.
os.environ.setdefault("TEXTUAL_FPS", "120")
