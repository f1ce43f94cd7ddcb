"""network: a command-line relationship manager built on the emotional bank account."""

__version__ = "0.2.0"
