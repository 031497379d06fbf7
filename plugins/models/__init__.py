from .models import register

__all__ = ["register"]
