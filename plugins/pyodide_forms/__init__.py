from .pyodide_forms import register

__all__ = ["register"]
