"""The Textual user interface: a thin App, behaviour on screens, widgets that show state."""
