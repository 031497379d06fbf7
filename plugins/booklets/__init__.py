from .booklets import register

__all__ = ["register"]
