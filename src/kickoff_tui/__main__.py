"""Allow ``python -m kickoff_tui``."""

from kickoff_tui.launch import main

if __name__ == "__main__":
    main()
