from .precompress import register

__all__ = ["register"]
