"""Kindness Studio: short real stories become upload-ready vertical awareness videos."""

__version__ = "0.1.0"
