"""``python -m extract`` does what the ``newsfacts`` command does."""

from .cli import main

if __name__ == "__main__":
    main(prog_name="newsfacts")
