"""The image filters ops on the OpenVINO backend: none implemented yet.

Each op of this family is listed in the backend's `UNSUPPORTED` map.
"""

__all__: list[str] = []
