"""Vision detectors: safe frame decoding and per-frame classifiers (nudity, apparent age)."""
