"""SafeStream: real-time child-safety detection and response for live streams and chats."""

__version__ = "0.1.0"
