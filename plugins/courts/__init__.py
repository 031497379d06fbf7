from .courts import register

__all__ = ["register"]
