"""Visual classifiers on benign images only: scikit-image samples and synthetic arrays."""

from __future__ import annotations

import socket
import sysconfig
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from skimage import data

from safestream.detect.vision.age import FaceAge, FaceAgeModel, bundled_model_dir
from safestream.detect.vision.lazy import Lazy
from safestream.detect.vision.minor import (
    ASSURED_ADULT,
    ASSURED_MINOR,
    FACE_CAP,
    MinorInputError,
    minor_likelihood,
)
from safestream.detect.vision.nudity import NudityModel, bundled_model_path
from safestream.detect.vision.rgb import InvalidFrameError

SITE_PACKAGES = Path(sysconfig.get_paths()["purelib"]).resolve()


def _noise(seed: int, shape: tuple[int, int, int] = (480, 640, 3)) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, shape, dtype=np.uint8)


def _grey(name: str) -> np.ndarray:
    return np.stack([getattr(data, name)()] * 3, axis=-1)


BENIGN = {
    "astronaut": data.astronaut(),
    "chelsea": data.chelsea(),
    "coffee": data.coffee(),
    "camera": _grey("camera"),
    "noise": _noise(0),
    "black": np.zeros((480, 640, 3), np.uint8),
    "gradient": np.broadcast_to(
        np.linspace(0, 255, 640, dtype=np.uint8)[None, :, None], (480, 640, 3)
    ),
}
BAD_FRAMES: dict[str, Any] = {
    "float": np.zeros((48, 64, 3), np.float32),
    "grey 2-D": np.zeros((48, 64), np.uint8),
    "RGBA": np.zeros((48, 64, 4), np.uint8),
    "empty": np.zeros((0, 64, 3), np.uint8),
    "list": [[[0, 0, 0]]],
}


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to reach the network while loading or running a model fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(scope="module")
def nudity() -> NudityModel:
    model = NudityModel()
    model.load()
    return model


@pytest.fixture(scope="module")
def face_age() -> FaceAgeModel:
    model = FaceAgeModel()
    model.load()
    return model


# --- lazy loading ----------------------------------------------------------------------


def test_lazy_builds_once_when_threads_race() -> None:
    calls: list[int] = []
    started = threading.Barrier(8)

    def build() -> object:
        calls.append(1)
        time.sleep(0.05)  # hold the build open so the other threads arrive during it
        return object()

    lazy: Lazy[object] = Lazy(build)
    results: list[object] = []

    def worker() -> None:
        started.wait()
        results.append(lazy.get())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert len(results) == 8
    assert all(result is results[0] for result in results)


# --- nudity -----------------------------------------------------------------------------


def test_nudity_model_ships_inside_site_packages() -> None:
    path = bundled_model_path().resolve()
    assert path.is_relative_to(SITE_PACKAGES)
    assert path.stat().st_size > 20_000_000


def test_nudity_loads_lazily() -> None:
    model = NudityModel()
    assert not model.loaded
    model.score(BENIGN["noise"])
    assert model.loaded
    assert model.name == "open_nsfw"
    assert model.version


@pytest.mark.parametrize("name", sorted(BENIGN))
def test_nudity_scores_benign_images_low(nudity: NudityModel, name: str) -> None:
    score = nudity.score(BENIGN[name])
    assert 0.0 <= score < 0.2


def test_nudity_is_deterministic_and_batch_matches_single(nudity: NudityModel) -> None:
    frames = [BENIGN["astronaut"], BENIGN["coffee"], BENIGN["noise"]]
    singles = [nudity.score(frame) for frame in frames]
    assert singles == [nudity.score(frame) for frame in frames]
    assert nudity.score_batch(frames) == pytest.approx(singles, abs=1e-5)
    assert nudity.score_batch([]) == []


@pytest.mark.parametrize("name", sorted(BAD_FRAMES))
def test_nudity_rejects_bad_frames(nudity: NudityModel, name: str) -> None:
    with pytest.raises(InvalidFrameError, match="frame must"):
        nudity.score(BAD_FRAMES[name])


def test_nudity_batch_rejects_a_bad_frame(nudity: NudityModel) -> None:
    with pytest.raises(InvalidFrameError, match="dtype uint8"):
        nudity.score_batch([BENIGN["noise"], BAD_FRAMES["float"]])


# --- faces and age ----------------------------------------------------------------------


def test_face_models_ship_inside_site_packages() -> None:
    directory = bundled_model_dir().resolve()
    assert directory.is_relative_to(SITE_PACKAGES)
    assert (directory / "age-v1.onnx").is_file()


def test_astronaut_has_one_adult_face(face_age: FaceAgeModel) -> None:
    frame = data.astronaut()
    (face,) = face_age.faces(frame)
    left, top, right, bottom = face.box
    height, width = frame.shape[:2]
    assert 0 <= left < right < width
    assert 0 <= top < bottom < height
    # The face is in the upper middle of the image and roughly square.
    assert 0.15 * width < (left + right) / 2 < 0.7 * width
    assert bottom < height / 2
    assert 0.8 < (right - left) / (bottom - top) < 1.25
    assert 18 <= face.age <= 100
    assert 0.0 < face.age_confidence <= 1.0
    assert face.detection_score > 0.0
    assert face_age.faces(frame) == [face]


@pytest.mark.parametrize("name", ["chelsea", "coffee", "noise", "black", "gradient"])
def test_no_faces_in_faceless_images(face_age: FaceAgeModel, name: str) -> None:
    assert face_age.faces(BENIGN[name]) == []


def test_detection_on_a_downscaled_copy_maps_boxes_to_the_full_frame(
    face_age: FaceAgeModel,
) -> None:
    # The same picture at twice the size: the detector sees a 512-pixel copy, yet the box must
    # come back in full-frame pixels, about twice the box of the original.
    frame = data.astronaut()
    large = np.asarray(Image.fromarray(frame).resize((1024, 1024), Image.Resampling.BILINEAR))
    small_model = FaceAgeModel(detect_max_side=512)
    (original,) = face_age.faces(frame)
    (scaled,) = small_model.faces(large)
    assert all(abs(b - 2 * a) <= 8 for a, b in zip(original.box, scaled.box, strict=True))
    assert 18 <= scaled.age <= 100


def test_min_detection_score_drops_weak_faces() -> None:
    (face,) = FaceAgeModel().faces(data.astronaut())
    strict = FaceAgeModel(min_detection_score=face.detection_score + 0.1)
    assert strict.faces(data.astronaut()) == []


@pytest.mark.parametrize("name", sorted(BAD_FRAMES))
def test_face_age_rejects_bad_frames(face_age: FaceAgeModel, name: str) -> None:
    with pytest.raises(InvalidFrameError, match="frame must"):
        face_age.faces(BAD_FRAMES[name])


def test_detect_max_side_below_the_detector_window_is_refused() -> None:
    with pytest.raises(ValueError, match="detect_max_side"):
        FaceAgeModel(detect_max_side=40)


# --- minor likelihood -------------------------------------------------------------------


@dataclass(frozen=True)
class _Face:
    age: int


def test_age_assurance_dominates_declared_age_and_faces() -> None:
    minor = minor_likelihood([_Face(40)], 30, ("id_document", "minor"))
    adult = minor_likelihood([_Face(8)], 10, ("facial_estimation", "adult"))
    assert minor.score == ASSURED_MINOR
    assert adult.score == ASSURED_ADULT
    assert minor.reasons[0] == "age assurance (id_document): minor"
    # What was outweighed stays visible to a moderator.
    assert "declared age 10 (outweighed)" in adult.reasons
    assert any("0–8" in reason and "outweighed" in reason for reason in adult.reasons)


def test_unknown_assurance_falls_through_to_declared_age() -> None:
    estimate = minor_likelihood([], 12, ("facial_estimation", "unknown"))
    assert estimate.score >= 0.5
    assert estimate.reasons == ["declared age 12"]


def test_declared_age_decides_and_a_face_only_nudges() -> None:
    declared_minor = minor_likelihood([], 12, None)
    declared_adult = minor_likelihood([], 25, None)
    child_face_adult_declared = minor_likelihood([_Face(10)], 25, None)
    child_face_minor_declared = minor_likelihood([_Face(10)], 12, None)
    assert declared_minor.score >= 0.5 > declared_adult.score
    assert declared_adult.score < child_face_adult_declared.score < 0.5
    assert declared_minor.score < child_face_minor_declared.score < ASSURED_MINOR
    assert child_face_adult_declared.reasons == [
        "declared age 25",
        "estimated face age 9–12 (weak)",
    ]


def test_face_alone_is_weak_and_capped() -> None:
    scores = {
        age: minor_likelihood([_Face(age)], None, None).score for age in (3, 10, 14, 17, 20, 45)
    }
    assert max(scores.values()) <= FACE_CAP
    assert scores[3] == scores[10] == FACE_CAP
    assert scores[10] > scores[14] > scores[17] > scores[20] > scores[45]
    assert scores[20] < 0.5


def test_youngest_face_counts() -> None:
    estimate = minor_likelihood([_Face(40), _Face(11), _Face(30)], None, None)
    assert estimate.score == FACE_CAP
    assert estimate.reasons == ["estimated face age 9–12 (weak) (youngest of 3 faces)"]


def test_no_information_is_low() -> None:
    estimate = minor_likelihood([], None, None)
    assert estimate.score < 0.5
    assert estimate.reasons == ["no age information"]


def test_real_face_ages_feed_minor_likelihood(face_age: FaceAgeModel) -> None:
    faces: list[FaceAge] = face_age.faces(data.astronaut())
    estimate = minor_likelihood(faces, None, None)
    assert estimate.score < 0.5
    assert estimate.reasons[0].startswith("estimated face age")


@pytest.mark.parametrize(
    ("declared", "assurance", "message"),
    [
        (-1, None, "declared age"),
        (200, None, "declared age"),
        (None, ("selfie", "child"), "assurance result"),
    ],
)
def test_minor_likelihood_rejects_bad_input(
    declared: int | None, assurance: tuple[str, str] | None, message: str
) -> None:
    with pytest.raises(MinorInputError, match=message):
        minor_likelihood([], declared, assurance)
