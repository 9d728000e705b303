"""The TensorFlow backend: `tf.Variable` state, `tf.function` steps.

TensorFlow's thread pools keep TF's defaults unless the user asks:
`TF_NUM_INTEROP_THREADS` / `TF_NUM_INTRAOP_THREADS` (read by TF itself)
are also applied through `tf.config.threading` here, before any op runs.
"""

import os
import sys


def _import_tensorflow():
    """`import tensorflow`, without Keras writing to the home folder.

    TensorFlow imports Keras when it is installed, and Keras creates
    `~/.keras/keras.json` on import. Importing cornu must not write to the
    home folder (`config.py`), so, unless the user set `KERAS_HOME` or
    Keras is already loaded, Keras's home is pointed at a path it cannot
    create (it then keeps its defaults) for the duration of the import.
    """
    if "keras" in sys.modules or "KERAS_HOME" in os.environ:
        import tensorflow

        return tensorflow
    os.environ["KERAS_HOME"] = os.path.join(os.devnull, "keras")
    try:
        import tensorflow
    finally:
        del os.environ["KERAS_HOME"]
    return tensorflow


tf = _import_tensorflow()


def _configure_threads():
    threading = tf.config.threading
    settings = (
        ("TF_NUM_INTEROP_THREADS", threading.set_inter_op_parallelism_threads),
        ("TF_NUM_INTRAOP_THREADS", threading.set_intra_op_parallelism_threads),
    )
    for variable, setter in settings:
        value = os.environ.get(variable)
        if value:
            try:
                setter(int(value))
            except (ValueError, RuntimeError):
                pass  # not an int, or TF already started: keep TF's own


_configure_threads()

from cornu.src.backend.common.capabilities import Capabilities  # noqa: E402
from cornu.src.backend.tensorflow import core  # noqa: E402
from cornu.src.backend.tensorflow import image  # noqa: E402
from cornu.src.backend.tensorflow import linalg  # noqa: E402
from cornu.src.backend.tensorflow import math  # noqa: E402
from cornu.src.backend.tensorflow import nn  # noqa: E402
from cornu.src.backend.tensorflow import numpy  # noqa: E402
from cornu.src.backend.tensorflow import random  # noqa: E402
from cornu.src.backend.tensorflow import rnn  # noqa: E402

core.Variable.bind_operators(numpy)

NAME = "tensorflow"
CAPABILITIES = Capabilities(training=True, jit=True)
# op name -> why TensorFlow cannot run it, and what to use instead.
UNSUPPORTED: dict[str, str] = {}
