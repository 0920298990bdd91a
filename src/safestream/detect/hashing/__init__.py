"""Perceptual hashing: PDQ for images, vPDQ for videos, and matching against hash banks."""
