"""Test clips made with ffmpeg's lavfi sources, each built to break exactly one QA rule (or none):
a coloured background with optional drawn boxes standing in for burned-in captions, the brand's
real end card appended, and a 1 kHz tone at about -14 LUFS."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import imageio_ffmpeg

from studio.core.project import load_project
from studio.core.story import parse_story
from studio.media.endcard import endcard_image

TONE = 0.2  # a stereo 1 kHz sine of this amplitude measures about -14 LUFS, true peak -14 dBTP


@dataclass
class Clip:
    width: int = 108
    height: int = 192
    fps: int = 15
    seconds: float = 4.0
    background: str = "color=c=0x406080"
    boxes: list[str] = field(default_factory=list)  # extra drawbox/filters on the story part
    pix_fmt: str = "yuv420p"
    faststart: bool = True
    tone: float | None = TONE
    endcard_s: float | None = 6.0
    preset: str = "tiny"

    def caption(self, x: int, y: int, w: int, h: int, first: int, last: int) -> "Clip":
        """A caption stand-in on frames first..last: a dark band with two white 'text' bars."""
        on = f"enable='between(n,{first},{last})'"
        bar_h = max(1, h // 5)
        self.boxes += [f"drawbox=x={x}:y={y}:w={w}:h={h}:color=black@0.75:t=fill:{on}",
                       f"drawbox=x={x + 3}:y={y + bar_h}:w={w - 6}:h={bar_h}:color=white:t=fill:{on}",
                       f"drawbox=x={x + 3}:y={y + 3 * bar_h}:w={w - 10}:h={bar_h}:color=white:t=fill:{on}"]
        return self

    def make(self, out: Path) -> Path:
        ff = imageio_ffmpeg.get_ffmpeg_exe()
        s, total = f"{self.width}x{self.height}", self.seconds + (self.endcard_s or 0)
        inputs = ["-f", "lavfi", "-i", f"{self.background}:s={s}:r={self.fps}:d={self.seconds}"]
        story = ",".join([*self.boxes, "format=yuv420p", "setsar=1"])
        graph = f"[0:v]{story}[a]"
        if self.endcard_s:
            card = out.with_suffix(".endcard.png")
            project = load_project(parse_story("…", out.with_suffix(".md")), self.preset)
            endcard_image(project, card)
            inputs += ["-loop", "1", "-framerate", str(self.fps), "-t", str(self.endcard_s), "-i", str(card)]
            graph += (f";[1:v]scale={self.width}:{self.height}:out_color_matrix=bt709:out_range=tv,format=yuv420p,"
                      f"setsar=1[b];[a][b]concat=n=2:v=1:a=0[c]")
        else:
            graph += ";[a]null[c]"
        graph += f";[c]fps={self.fps},setpts=N/({self.fps}*TB),setparams=color_primaries=bt709:color_trc=bt709:colorspace=bt709:range=tv[v]"
        amp = self.tone if self.tone is not None else 0
        inputs += ["-f", "lavfi", "-i", f"aevalsrc={amp}*sin(2*PI*1000*t)|{amp}*sin(2*PI*1000*t):s=48000:d={total}"]
        audio_index = 2 if self.endcard_s else 1
        argv = [ff, "-nostdin", "-hide_banner", "-loglevel", "error", "-y", *inputs,
                "-filter_complex", graph, "-map", "[v]", "-map", f"{audio_index}:a",
                "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high" if self.pix_fmt == "yuv420p" else "high444",
                "-level:v", "4.1", "-g", str(self.fps), "-bf", "2", "-flags", "+cgop", "-pix_fmt", self.pix_fmt,
                "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709", "-color_range", "tv",
                "-r", str(self.fps), "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2",
                # as a good master: no edit list, B-frame delay carried by negative composition offsets
                "-use_editlist", "0", "-movflags", "+negative_cts_offsets" + ("+faststart" if self.faststart else ""),
                str(out)]
        subprocess.run(argv, check=True, capture_output=True)
        return out


def srt(path: Path, events: list[tuple[float, float, str]]) -> Path:
    def ts(t: float) -> str:
        ms = round(t * 1000)
        return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"
    path.write_text("\n".join(f"{i}\n{ts(a)} --> {ts(b)}\n{text}\n" for i, (a, b, text) in enumerate(events, 1)),
                    encoding="utf-8")
    return path

