"""The screens of Kickoff: home, agenda, wrap-up, and the dialogs they open."""
