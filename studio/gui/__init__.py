"""The desktop studio (PySide6). Every Qt import of the project lives in this package; the
panels observe the same immutable `Project` the CLI renders and never re-implement a rule."""
