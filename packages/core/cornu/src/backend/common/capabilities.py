"""What a backend can do, declared once, and the error for what it cannot.

Each backend package exports `CAPABILITIES` (a frozen `Capabilities`) and
`UNSUPPORTED` (op name -> reason and alternative). Tests gate on
capabilities, never on backend names; the conformance test checks that every
public op is implemented or listed in `UNSUPPORTED`.
"""

from __future__ import annotations

import dataclasses

from cornu.src.api_export import cornu_export


@dataclasses.dataclass(frozen=True)
class Capabilities:
    """Features a backend supports.

    Args:
        training: Gradients and the training loop are available.
        jit: Steps can be compiled (XLA, torch.compile, tf.function).
        sparse: Sparse tensors are supported.
        ragged: Ragged tensors are supported.
        complex_dtypes: complex64/complex128 are supported.
        thread_safe: Ops may be called from several threads at once.
        float64_precision: float64 tensors are computed in float64. When
            `False` (OpenVINO's CPU plugin computes f64 in f32), float64
            values keep their dtype but carry float32 precision and range.
    """

    training: bool
    jit: bool
    sparse: bool = False
    ragged: bool = False
    complex_dtypes: bool = True
    thread_safe: bool = True
    float64_precision: bool = True

    def supports(self, name: str) -> bool:
        """Whether the capability called `name` is present."""
        if name not in {f.name for f in dataclasses.fields(self)}:
            raise ValueError(
                f"Unknown backend capability {name!r}. Expected one of "
                f"{[f.name for f in dataclasses.fields(self)]}."
            )
        return bool(getattr(self, name))


@cornu_export("cornu.errors.BackendNotSupportedError")
class BackendNotSupportedError(NotImplementedError):
    """An operation the active backend declares it cannot run.

    The message names the operation, the backend, the reason and an
    alternative (another backend, or another op).
    """


def unsupported(backend_name: str, op_name: str, reason: str):
    """Builds the error raised when a declared-unsupported op is called."""
    return BackendNotSupportedError(
        f"`{op_name}` is not supported by the {backend_name} backend: "
        f"{reason}"
    )
