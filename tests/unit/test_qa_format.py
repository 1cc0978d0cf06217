"""The format rules' readers without ffmpeg: the packet list of ffmpeg's framecrc muxer, and the MP4
box walk (faststart order, edit lists, the H.264 level)."""

from __future__ import annotations

import struct
from fractions import Fraction

from studio.qa.format import _boxes, _packets

FRAMECRC = """\
#extradata 0:       50, 0xb8e2132c
#software: Lavf63.1.102
#tb 0: 1/15360
#media_type 0: video
#codec_id 0: h264
#dimensions 0: 1080x1920
#sar 0: 1/1
#tb 1: 1/48000
0,       -512,          0,      512,    16607, 0x52e3eb27
0,          0,       1536,      512,      553, 0xe8a0fd26, F=0x0
0,        512,        512,      512,      211, 0x2ff02fb7, F=0x5
0,       1024, -9223372036854775808,      512,      139, 0x85342931, F=0x0
0,       1536,       1024,      512,        0, 0x00000001
0,       2048,       2048,      512,      194, 0xed8328e2, S=1, MPEGTS Stream ID,        1, 0x00e000e0
1,          0,          0,     1024,      300, 0x12345678
"""


def test_the_packet_list_keeps_timed_packets_with_data_and_reads_the_key_flag():
    tb, pts, sizes, keys = _packets(FRAMECRC)
    assert tb == Fraction(1, 15360)
    assert pts == [0, 1536, 512, 2048] and sizes == [16607, 553, 211, 194]
    assert keys == [0, 512, 2048]  # no F= is a plain keyframe; F=0x5 is a keyframe to discard
    assert _packets("") == (Fraction(1), [], [], [])


def _box(kind: bytes, *children: bytes) -> bytes:
    payload = b"".join(children)
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def _mp4(path, *, edit_list: bool, title: bytes = b"") -> None:
    avcc = _box(b"avcC", bytes([1, 100, 0, 41, 0xFF]))
    stsd = _box(b"stsd", bytes(8), _box(b"avc1", bytes(78), avcc))
    trak = _box(b"trak", *([_box(b"edts", _box(b"elst", bytes(8)))] if edit_list else []),
                _box(b"mdia", _box(b"minf", _box(b"stbl", stsd))))
    moov = _box(b"moov", _box(b"udta", _box(b"\xa9nam", title)), trak)
    path.write_bytes(_box(b"ftyp", b"isom") + moov + _box(b"mdat", bytes(100)))


def test_the_box_walk_finds_edit_lists_and_the_level_in_the_tracks_only(tmp_path):
    _mp4(tmp_path / "a.mp4", edit_list=False, title=b"Van Zelst")  # "elst" in a title is no edit list
    assert _boxes(tmp_path / "a.mp4") == (["ftyp", "moov", "mdat"], False, 41)
    _mp4(tmp_path / "b.mp4", edit_list=True)
    assert _boxes(tmp_path / "b.mp4") == (["ftyp", "moov", "mdat"], True, 41)
