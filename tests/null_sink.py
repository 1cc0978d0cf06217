"""A private PulseAudio server with one null sink: a sound device that plays into nothing, so the
studio's playback runs with sound (QAudioSink, the audio queue, the pump) on a machine with no
speakers. `make setup` installs pulseaudio; its server runs in a folder of its own and is stopped
after the test."""

from __future__ import annotations

import shutil
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def null_sink(folder: Path):
    """Yields the environment variables that point a child process at the server."""
    exe = shutil.which("pulseaudio")
    assert exe, "pulseaudio is missing: `make setup` installs it (as root), see the Makefile"
    folder.mkdir(parents=True, exist_ok=True)
    socket = folder / "native"
    server = subprocess.Popen(
        [exe, "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no", "--disable-shm=yes", "-n",
         "--load=module-null-sink sink_name=soak",
         f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1"],
        env={"HOME": str(folder), "XDG_RUNTIME_DIR": str(folder), "PATH": "/usr/bin:/bin"},
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while not socket.exists():  # the socket is the server's "ready"
            assert server.poll() is None, f"pulseaudio failed: {server.stderr.read().decode()[-800:]}"
            assert time.monotonic() < deadline, "pulseaudio did not open its socket within 20 s"
            time.sleep(0.05)
        yield {"PULSE_SERVER": f"unix:{socket}"}
    finally:
        server.terminate()
        try:
            server.wait(5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        server.stderr.close()
