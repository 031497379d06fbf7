from .guide import register

__all__ = ["register"]
