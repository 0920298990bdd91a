"""vPDQ video hashing and file hashing, on small benign test videos made with FFmpeg."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import skimage.data
from click.testing import CliRunner
from PIL import Image
from threatexchange.extensions.vpdq.vpdq import VPDQSignal
from threatexchange.extensions.vpdq.vpdq_brute_matcher import match_VPDQ_hash_brute
from threatexchange.extensions.vpdq.vpdq_util import json_to_vpdq

from safestream.detect.hashing.cli import bank, match_command
from safestream.detect.hashing.files import FileHash, HashFileError, hash_file
from safestream.detect.hashing.pdq import PDQ_MATCH_THRESHOLD, PDQ_QUALITY_FLOOR, pdq_hash
from safestream.detect.hashing.video import (
    FrameHash,
    VideoHash,
    VideoHashError,
    match_videos,
    vpdq_hash_file,
)

HIGH_MATCH = 80.0  # ThreatExchange's default query-match threshold for vPDQ
SECONDS = 4
FAST_VP8 = ("-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8")  # WebM, in ~1 s


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


def synthetic(source: str, path: Path) -> Path:
    """A few seconds of one of FFmpeg's built-in test patterns, at 320×240."""
    ffmpeg("-f", "lavfi", "-i", f"{source}=size=320x240:rate=25", "-t", str(SECONDS),
           "-pix_fmt", "yuv420p", str(path))  # fmt: skip
    return path


def reencoded(original: Path, path: Path, *options: str) -> Path:
    ffmpeg("-i", str(original), *options, str(path))
    return path


@pytest.fixture(scope="module")
def videos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if shutil.which("ffmpeg") is None:
        reason = "the ffmpeg binary is needed to make the test videos and is not on PATH"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (required under CI=true)")
        pytest.skip(reason)
    d = tmp_path_factory.mktemp("videos")
    made = {
        "testsrc": synthetic("testsrc", d / "testsrc.mp4"),
        "mandelbrot": synthetic("mandelbrot", d / "mandelbrot.mp4"),
        "bars": synthetic("smptebars", d / "bars.mp4"),
        "blank": synthetic("color", d / "blank.mp4"),  # FFmpeg's default colour: black
    }
    made["testsrc-upscaled"] = reencoded(
        made["testsrc"], d / "testsrc-up.mp4", "-vf", "scale=640:480", "-crf", "30"
    )
    made["mandelbrot-half"] = reencoded(
        made["mandelbrot"], d / "mandelbrot-half.mp4", "-vf", "scale=160:120", "-crf", "30"
    )
    made["mandelbrot-webm"] = reencoded(made["mandelbrot"], d / "mandelbrot.webm", *FAST_VP8)
    return made


@pytest.fixture(scope="module")
def hashes(videos: dict[str, Path]) -> dict[str, VideoHash]:
    return {name: vpdq_hash_file(path) for name, path in videos.items()}


def test_hash_has_one_frame_per_second(hashes: dict[str, VideoHash]) -> None:
    frames = hashes["testsrc"].frames
    assert [f.timestamp for f in frames] == pytest.approx([float(s) for s in range(SECONDS)])
    assert all(f.pdq.quality >= PDQ_QUALITY_FLOOR for f in frames)
    assert hashes["testsrc"].mean_quality >= PDQ_QUALITY_FLOOR


@pytest.mark.parametrize(
    ("original", "copy"),
    [
        ("testsrc", "testsrc-upscaled"),
        ("mandelbrot", "mandelbrot-half"),
        ("mandelbrot", "mandelbrot-webm"),
    ],
)
def test_reencoded_and_rescaled_copies_match(
    hashes: dict[str, VideoHash], original: str, copy: str
) -> None:
    query_pct, compared_pct = match_videos(hashes[copy], hashes[original])
    assert query_pct >= HIGH_MATCH
    assert compared_pct >= HIGH_MATCH


@pytest.mark.parametrize(
    ("a", "b"), [("testsrc", "mandelbrot"), ("testsrc", "bars"), ("mandelbrot", "bars")]
)
def test_different_sources_do_not_match(hashes: dict[str, VideoHash], a: str, b: str) -> None:
    assert match_videos(hashes[a], hashes[b]) == (0.0, 0.0)


def test_featureless_video_matches_nothing_not_even_itself(hashes: dict[str, VideoHash]) -> None:
    blank = hashes["blank"]
    assert all(f.pdq.quality < PDQ_QUALITY_FLOOR for f in blank.frames)
    assert match_videos(blank, blank) == (0.0, 0.0)


def test_clip_scores_high_on_its_side_only(hashes: dict[str, VideoHash]) -> None:
    whole = hashes["testsrc"]
    clip = VideoHash(whole.frames[:1])
    assert match_videos(clip, whole) == (100.0, 100.0 / len(whole.frames))


def test_thresholds_are_applied(hashes: dict[str, VideoHash]) -> None:
    copy, original = hashes["mandelbrot-half"], hashes["mandelbrot"]
    assert match_videos(copy, original, distance=0) < match_videos(copy, original)
    assert match_videos(copy, original, quality=101) == (0.0, 0.0)


def test_matching_agrees_with_threatexchange_brute_matcher(hashes: dict[str, VideoHash]) -> None:
    for a, b in [("testsrc", "testsrc-upscaled"), ("mandelbrot", "mandelbrot-half"),
                 ("testsrc", "bars"), ("mandelbrot-webm", "mandelbrot")]:  # fmt: skip
        theirs = match_VPDQ_hash_brute(
            json_to_vpdq(hashes[a].to_signal_str()),
            json_to_vpdq(hashes[b].to_signal_str()),
            PDQ_QUALITY_FLOOR,
            PDQ_MATCH_THRESHOLD,
        )
        assert match_videos(hashes[a], hashes[b]) == pytest.approx(
            (theirs.query_match_percent, theirs.compared_match_percent)
        )


def test_signal_string_roundtrip_and_threatexchange_interop(hashes: dict[str, VideoHash]) -> None:
    original, copy = hashes["mandelbrot"], hashes["mandelbrot-half"]
    text = original.to_signal_str()
    assert VideoHash.from_signal_str(text) == original
    assert VPDQSignal.validate_signal_str(text) == text
    assert VPDQSignal.compare_hash(copy.to_signal_str(), text).match
    assert not VPDQSignal.compare_hash(hashes["bars"].to_signal_str(), text).match


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "malformed vPDQ signal string"),
        ("[]", "it holds no frames"),
        ('{"0": "x"}', "malformed vPDQ signal string"),
        ('["abc,100,0.0"]', "malformed vPDQ signal string"),
        (json.dumps([f"{'a' * 64},101,0.0"]), "malformed vPDQ signal string"),
    ],
)
def test_malformed_signal_strings_are_rejected(text: str, message: str) -> None:
    with pytest.raises(VideoHashError, match=message):
        VideoHash.from_signal_str(text)


def test_missing_and_corrupt_videos_raise(videos: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(VideoHashError, match="video file not found"):
        vpdq_hash_file(tmp_path / "missing.mp4")
    truncated = tmp_path / "truncated.mp4"
    truncated.write_bytes(videos["testsrc"].read_bytes()[:3000])
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(np.random.default_rng(0).bytes(10_000))
    for bad in (truncated, junk):
        with pytest.raises(VideoHashError, match="cannot decode video"):
            vpdq_hash_file(bad)


def test_hash_file_tells_images_from_videos_by_content(
    videos: dict[str, Path], hashes: dict[str, VideoHash], tmp_path: Path
) -> None:
    image = tmp_path / "frame.mp4"  # the extension lies; the content decides
    Image.fromarray(skimage.data.coffee()).save(image, "PNG")
    video = tmp_path / "clip.png"
    video.write_bytes(videos["mandelbrot"].read_bytes())

    assert hash_file(image) == [
        FileHash(str(image), "pdq", pdq_hash(skimage.data.coffee()).hex, 100)
    ]
    [video_hash] = hash_file(video)
    assert (video_hash.file, video_hash.signal_type) == (str(video), "vpdq")
    assert VideoHash.from_signal_str(video_hash.hash) == hashes["mandelbrot"]
    assert video_hash.quality == hashes["mandelbrot"].mean_quality


def test_hash_file_errors_name_the_file_and_problem(tmp_path: Path) -> None:
    gif = tmp_path / "anim.gif"
    Image.fromarray(skimage.data.coffee()).save(gif, "GIF")
    junk = tmp_path / "junk.bin"
    junk.write_bytes(np.random.default_rng(0).bytes(10_000))
    cases = {
        gif: "anim.gif: not a JPEG, PNG or WebP image (format GIF)",
        junk: "junk.bin: neither an image nor a readable video",
        tmp_path / "missing.jpg": "missing.jpg: no such file",
        tmp_path: "no such file (or not a regular file)",
    }
    for path, message in cases.items():
        with pytest.raises(HashFileError, match=re.escape(message)):
            hash_file(path)


def test_frame_hashes_are_values(hashes: dict[str, VideoHash]) -> None:
    first = hashes["testsrc"].frames[0]
    assert FrameHash(first.pdq, first.timestamp) == first
    assert VideoHash(()).mean_quality == 0
    assert np.isclose(first.timestamp, 0.0)


def test_a_banked_still_is_found_in_a_recording_uploaded_later(
    videos: dict[str, Path], tmp_path: Path, sqlite_url: str
) -> None:
    """A frame banked from a live stream, then a recording of that stream: `match` finds it."""
    still = tmp_path / "still.png"
    Image.fromarray(skimage.data.astronaut()).save(still)
    recording = tmp_path / "recording.mp4"
    # Two seconds of another picture, then the banked one for three, re-encoded smaller.
    ffmpeg("-i", str(videos["mandelbrot"]), "-loop", "1", "-t", "3", "-i", str(still),
           "-filter_complex", "[0:v]trim=duration=2,scale=320:320,setsar=1[a];"
           "[1:v]scale=320:320,setsar=1[b];[a][b]concat=n=2:v=1[v]",
           "-map", "[v]", "-r", "25", "-pix_fmt", "yuv420p", "-crf", "28",
           str(recording))  # fmt: skip
    runner = CliRunner()
    assert runner.invoke(bank, ["create", "hotline", "--db", sqlite_url]).exit_code == 0
    added = runner.invoke(
        bank, ["add", "hotline", str(still), "--content-id", "C-7", "--db", sqlite_url]
    )
    assert added.exit_code == 0, added.output
    result = runner.invoke(match_command, [str(recording), "--json", "--db", sqlite_url])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["signal_type"] == "vpdq"
    (found,) = report["matches"]
    assert (found["bank"], found["content_id"]) == ("hotline", "C-7")
    assert found["distance"] <= 31
    assert 2.0 <= found["at_seconds"] < 5.0
    other = runner.invoke(match_command, [str(videos["testsrc"]), "--json", "--db", sqlite_url])
    assert json.loads(other.stdout)["matches"] == []
