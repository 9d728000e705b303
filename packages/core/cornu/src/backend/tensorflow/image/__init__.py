"""`cornu.ops.image` ops on the TensorFlow backend, one module per family.

Each family module lists its public functions in `__all__`; they are
re-exported here, mirroring `backend/jax/image/__init__.py`.
"""

from cornu.src.backend.common import module_utils
from cornu.src.backend.tensorflow.image import color
from cornu.src.backend.tensorflow.image import filters
from cornu.src.backend.tensorflow.image import patches
from cornu.src.backend.tensorflow.image import resize
from cornu.src.backend.tensorflow.image import sampling

_FAMILIES = (color, filters, patches, resize, sampling)

module_utils.reexport(_FAMILIES, globals())
