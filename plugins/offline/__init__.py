from .offline import register

__all__ = ["register"]
