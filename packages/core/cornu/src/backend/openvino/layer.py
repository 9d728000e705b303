"""Layers on this backend are plain Python objects (integration tier)."""

from cornu.src.backend.common.backend_layer import BackendLayer

__all__ = ["BackendLayer"]
