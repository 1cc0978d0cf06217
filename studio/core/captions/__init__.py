"""Captions people can read: typography, segmentation, line breaking, timing and the readability
rules of docs/standards.md §4. Pure code: no processes, no images."""

from .rules import Cue, Problem, Rules, check, chars
from .segment import segment
from .timing import Clock, VoiceTrack
from .typography import plain, typeset

__all__ = ["Clock", "Cue", "Problem", "Rules", "VoiceTrack", "check", "chars", "plain", "segment", "typeset"]
