"""NumPy-API ops on the TensorFlow backend, one module per family.

Each family module lists its public functions in `__all__`; they are
re-exported here so that `backend.numpy.<op>` is a plain attribute lookup.
The families mirror `cornu/src/ops/numpy/`.
"""

from cornu.src.backend.common import module_utils
from cornu.src.backend.tensorflow.numpy import arithmetic
from cornu.src.backend.tensorflow.numpy import bitwise
from cornu.src.backend.tensorflow.numpy import counting
from cornu.src.backend.tensorflow.numpy import creation
from cornu.src.backend.tensorflow.numpy import creation_extra
from cornu.src.backend.tensorflow.numpy import cumulative
from cornu.src.backend.tensorflow.numpy import diagonals
from cornu.src.backend.tensorflow.numpy import einsum
from cornu.src.backend.tensorflow.numpy import elementwise
from cornu.src.backend.tensorflow.numpy import elementwise_binary
from cornu.src.backend.tensorflow.numpy import indexing
from cornu.src.backend.tensorflow.numpy import joining
from cornu.src.backend.tensorflow.numpy import layout
from cornu.src.backend.tensorflow.numpy import logic
from cornu.src.backend.tensorflow.numpy import manipulation
from cornu.src.backend.tensorflow.numpy import matrix_reductions
from cornu.src.backend.tensorflow.numpy import nan_reductions
from cornu.src.backend.tensorflow.numpy import products
from cornu.src.backend.tensorflow.numpy import reductions
from cornu.src.backend.tensorflow.numpy import reordering
from cornu.src.backend.tensorflow.numpy import rounding
from cornu.src.backend.tensorflow.numpy import sorting
from cornu.src.backend.tensorflow.numpy import statistics
from cornu.src.backend.tensorflow.numpy import trigonometric
from cornu.src.backend.tensorflow.numpy import value_tests
from cornu.src.backend.tensorflow.numpy import windows

_FAMILIES = (
    arithmetic,
    bitwise,
    counting,
    creation,
    creation_extra,
    cumulative,
    diagonals,
    einsum,
    elementwise,
    elementwise_binary,
    indexing,
    joining,
    layout,
    logic,
    manipulation,
    matrix_reductions,
    nan_reductions,
    products,
    reductions,
    reordering,
    rounding,
    sorting,
    statistics,
    trigonometric,
    value_tests,
    windows,
)

module_utils.reexport(_FAMILIES, globals())
