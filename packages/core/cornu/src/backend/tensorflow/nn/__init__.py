"""`cornu.ops.nn` ops on the TensorFlow backend, one module per family.

Each family module lists its public functions in `__all__`; they are
re-exported here, mirroring `backend/jax/nn/__init__.py`.
"""

from cornu.src.backend.common import module_utils
from cornu.src.backend.tensorflow.nn import activations
from cornu.src.backend.tensorflow.nn import attention
from cornu.src.backend.tensorflow.nn import conv
from cornu.src.backend.tensorflow.nn import encoding
from cornu.src.backend.tensorflow.nn import losses
from cornu.src.backend.tensorflow.nn import normalization
from cornu.src.backend.tensorflow.nn import pooling

_FAMILIES = (
    activations,
    attention,
    conv,
    encoding,
    losses,
    normalization,
    pooling,
)

module_utils.reexport(_FAMILIES, globals())
