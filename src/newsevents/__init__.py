"""newsevents: an event-extraction benchmark built from English news."""

__version__ = "0.1.0"
