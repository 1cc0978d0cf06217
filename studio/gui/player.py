"""Play/Pause: a Playback (from the FrameSource) read by one Python thread, frames paced on the
wall clock and handed to the GUI as QImages through a queued signal; sound fed to a QAudioSink
from the GUI thread. No audio device (tests, CI, a server) or no QtMultimedia: it plays silently
on the same wall clock."""

from __future__ import annotations

import collections
import threading
import time

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage

AUDIO_CHUNK = 48000 * 2 * 2 // 10  # 100 ms of 48 kHz stereo s16


def _audio_output():
    """(QAudioFormat, QAudioDevice) or None when there is no usable device."""
    try:
        from PySide6.QtMultimedia import QAudioFormat, QMediaDevices
    except ImportError:
        return None
    device = QMediaDevices.defaultAudioOutput()
    if device.isNull():
        return None
    return QAudioFormat, device


class Player(QObject):
    frame = Signal(float, QImage)    # time, picture
    position = Signal(float)         # wall-clock playhead
    stopped = Signal()
    failed = Signal(object)          # an error while playing (StudioError or other)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._playback = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._audio_buf: collections.deque[bytes] = collections.deque()
        self._audio_lock = threading.Lock()
        self._sink = None
        self._sink_io = None
        self._t0 = 0.0
        self._start_s = 0.0
        self._pump = QTimer(self)
        self._pump.setInterval(20)
        self._pump.timeout.connect(self._tick)
        self.silent = True

    def is_playing(self) -> bool:
        return self._thread is not None

    def play(self, source, from_t: float) -> None:
        self.stop()
        self._playback = source.play(from_t)
        self._stop = threading.Event()
        self._start_s = from_t
        self._t0 = time.monotonic()
        self._audio_buf.clear()
        self._open_sink(self._playback)
        self._thread = threading.Thread(target=self._read, args=(self._playback, self._stop, self._t0),
                                        name="studio-playback", daemon=True)
        self._thread.start()
        self._pump.start()

    def stop(self) -> None:
        """Stops at once: the playback (and its processes) cancelled, the reader thread joined."""
        if self._thread is None:
            return
        self._stop.set()
        if self._playback is not None:
            self._playback.cancel()
        self._thread.join(timeout=5)
        self._thread = None
        self._playback = None
        self._pump.stop()
        self._close_sink()
        self.stopped.emit()

    # --- the reader thread (no widget, no Qt object other than signals) ----------------------
    def _read(self, pb, stop: threading.Event, t0: float) -> None:
        try:
            while not stop.is_set():
                if not self.silent:
                    data = pb.read_audio(AUDIO_CHUNK)
                    if data:
                        with self._audio_lock:
                            self._audio_buf.append(data)
                item = pb.read_frame()
                if item is None:
                    break
                t, rgb = item
                wait = (t - pb.start_s) - (time.monotonic() - t0)
                if wait < -1.0 / max(pb.fps, 1):
                    continue  # late: skip to keep up with the clock
                if wait > 0 and stop.wait(wait):
                    break
                image = QImage(rgb, pb.width, pb.height, pb.width * 3, QImage.Format.Format_RGB888).copy()
                self.frame.emit(t, image)
        except Exception as e:  # noqa: BLE001 - shown by the panel; playback just stops
            if not stop.is_set():
                self.failed.emit(e)
        finally:
            stop.set()  # the GUI thread's pump sees it and stops (joins this thread)

    def _tick(self) -> None:
        if self._stop.is_set() and self._thread is not None and not self._thread.is_alive():
            self.stop()
            return
        self.position.emit(self._start_s + time.monotonic() - self._t0)
        if self._sink_io is None:
            return
        free = self._sink.bytesFree()
        with self._audio_lock:
            while free > 0 and self._audio_buf:
                chunk = self._audio_buf.popleft()
                if len(chunk) > free:
                    self._audio_buf.appendleft(chunk[free:])
                    chunk = chunk[:free]
                self._sink_io.write(chunk)
                free -= len(chunk)

    def _open_sink(self, pb) -> None:
        self.silent = True
        out = _audio_output()
        if out is None:
            return
        QAudioFormat, device = out
        from PySide6.QtMultimedia import QAudioSink
        fmt = QAudioFormat()
        fmt.setSampleRate(pb.sample_rate)
        fmt.setChannelCount(pb.channels)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        if not device.isFormatSupported(fmt):
            return
        self._sink = QAudioSink(device, fmt, self)
        self._sink_io = self._sink.start()
        if self._sink_io is None:
            self._close_sink()
            return
        self.silent = False

    def _close_sink(self) -> None:
        if self._sink is not None:
            self._sink.stop()
            self._sink.deleteLater()
        self._sink = self._sink_io = None
        self.silent = True
