"""The OpenVINO backend's trainer (integration tier): inference only.

`predict` (and the forward pass of `evaluate`) traces the model once per
input signature (the shapes and dtypes of a batch) into one `ov.Model`:
inputs become `Parameter` nodes and the variables' current values become
constants. The model is compiled for the CPU with
`openvino.Core().compile_model` and cached on the model, keyed by the
input signature; assigning any of the model's variables (loading
weights, ...) makes the next call trace and compile again. The losses
and metrics of `evaluate` are computed eagerly on the outputs.

A model that cannot become one graph runs op by op instead (each op
evaluated at once, as outside `predict`), for that input signature only:
one with string inputs (OpenVINO tensors hold no strings), or one whose
layers need concrete values while tracing (the lookup and hashing layers
compute on the host; Python control flow on input values). The entry
records why (`CompiledPredict.eager_reason`).

OpenVINO has no automatic differentiation: `fit`, `train_on_batch` and
the train step raise an error naming the backends that train.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import openvino as ov
import openvino.opset15 as ovops

from cornu.src import tree
from cornu.src.backend.common.capabilities import unsupported
from cornu.src.backend.common.stateless_scope import StatelessScope
from cornu.src.backend.openvino import core
from cornu.src.trainers.data_adapters import data_adapter_utils
from cornu.src.trainers.trainer_utils import batch_size_of
from cornu.src.trainers.trainer_utils import set_untracked
from cornu.src.trainers.trainer_utils import standardize_batch

# The backends with the "training" capability, named in the error.
TRAINING_BACKENDS = ("jax", "torch", "tensorflow")
# The CPU plugin may otherwise run float32 models in bfloat16 on CPUs
# that have it; cornu promises outputs equal to the other backends'.
COMPILE_CONFIG = {"INFERENCE_PRECISION_HINT": "f32"}


class CompiledPredict:
    """One traced and compiled forward pass of a model.

    Attributes:
        compiled: The `openvino.CompiledModel`, or `None` when the model
            runs op by op for this signature.
        structure: The nested structure of the model's outputs.
        versions: The variable versions the graph's constants hold.
        calls: How many batches this entry has run.
        eager_reason: Why the model runs op by op (`None` if compiled).
        dtypes: The dtype of each graph output (float64 ones leave the
            graph as float32 and are cast back).
        request: The `InferRequest` reused by every batch.
    """

    def __init__(
        self,
        compiled: Any,
        structure: Any,
        versions: tuple,
        eager_reason: str | None = None,
    ):
        self.compiled = compiled
        self.structure = structure
        self.versions = versions
        self.calls = 0
        self.eager_reason = eager_reason
        self.dtypes: list = []
        self.request = None


def _signature(leaves: list) -> tuple:
    return tuple((a.shape, a.dtype.str) for a in leaves)


def _leaf_array(value: Any) -> np.ndarray:
    return np.ascontiguousarray(core.convert_to_numpy(value))


class Trainer:
    """Step functions for the openvino backend (no training step)."""

    _auto_jit_compile = False
    _openvino_cache = None

    # -------------------------------------------------------- training
    def fit(self, *args: Any, **kwargs: Any) -> Any:
        raise no_training("fit")

    def train_on_batch(self, *args: Any, **kwargs: Any) -> Any:
        raise no_training("train_on_batch")

    def train_step(self, data: Any) -> dict:
        raise no_training("train_step")

    def make_train_function(self, force: bool = False):
        raise no_training("make_train_function")

    # ------------------------------------------------------ compilation
    def _openvino_versions(self) -> tuple:
        """The versions of the weights the graph holds as constants (read
        from the loop's cached variable lists while `predict`/`evaluate`
        run, instead of walking the layers for every batch)."""
        cached = self._loop_variables
        if cached is not None:
            variables = cached["trainable"] + cached["non_trainable"]
        else:
            variables = self.trainable_variables + self.non_trainable_variables
        return tuple(v.version for v in variables)

    def openvino_compiled_predict(self, x: Any) -> CompiledPredict:
        """The compiled forward pass for inputs shaped like `x` (traced
        and compiled on first use, then cached)."""
        return self._openvino_entry(x)[0]

    def _openvino_entry(self, x: Any) -> tuple:
        """`(entry, leaves)`: the cached entry for `x` and `x`'s flat
        leaves as contiguous NumPy arrays."""
        leaves = [_leaf_array(v) for v in tree.flatten(x)]
        key = (str(tree.map_structure(lambda _: 0, x)), _signature(leaves))
        cache = self._openvino_cache
        if cache is None:
            cache = {}
            set_untracked(self, "_openvino_cache", cache)
        versions = self._openvino_versions()
        entry = cache.get(key)
        if entry is None or entry.versions != versions:
            entry = self._openvino_trace(x, leaves, versions)
            cache[key] = entry
        return entry, leaves

    def _openvino_trace(self, x, leaves, versions) -> CompiledPredict:
        if any(a.dtype.kind in "USO" for a in leaves):
            return CompiledPredict(
                None, None, versions, "its inputs hold strings"
            )
        specs = [(list(a.shape), a.dtype) for a in leaves]
        try:
            model, outputs, dtypes = trace_model(self, x, specs)
        except core.SymbolicValueError as e:
            return CompiledPredict(None, None, versions, str(e))
        compiled = core.ov_core().compile_model(model, "CPU", COMPILE_CONFIG)
        entry = CompiledPredict(compiled, outputs, versions)
        entry.dtypes = dtypes
        return entry

    def _openvino_forward(self, x: Any) -> tuple:
        """`(outputs, losses)`: the model's outputs for `x` and the losses
        its layers added during the call, from the compiled model (or op
        by op where the model cannot be compiled)."""
        entry, leaves = self._openvino_entry(x)
        entry.calls += 1
        if entry.compiled is None:
            with StatelessScope(collect_losses=True) as scope:
                outputs = self._call_model(x, training=False)
            return outputs, list(scope.losses)
        leaves = [
            a.astype(np.float32) if a.dtype == np.float64 else a
            for a in leaves
        ]
        if entry.request is None:
            entry.request = entry.compiled.create_infer_request()
        request = entry.request
        # The inputs are read in place; the outputs are copied out of the
        # request's buffers, which the next batch overwrites.
        request.infer(leaves, share_inputs=True)
        values = [
            core.from_numpy(
                core.tensor_value(request.get_output_tensor(i)).astype(
                    dtype, copy=False
                )
            )
            for i, dtype in enumerate(entry.dtypes)
        ]
        count = len(tree.flatten(entry.structure))
        outputs = tree.pack_sequence_as(entry.structure, values[:count])
        return outputs, values[count:]

    # ----------------------------------------------------------- steps
    def predict_step(self, data: Any) -> Any:
        """The model's outputs for a batch, from the compiled model."""
        x, _, _ = data_adapter_utils.unpack_x_y_sample_weight(data)
        return self._openvino_forward(x)[0]

    def test_step(self, data: Any) -> dict:
        """Compiled forward pass; loss and metric updates run eagerly."""
        x, y, sample_weight = data_adapter_utils.unpack_x_y_sample_weight(data)
        y_pred, losses = self._openvino_forward(x)
        set_untracked(self, "_losses_override", losses)
        try:
            loss = self._compute_loss(
                x, y, y_pred, sample_weight, training=False
            )
        finally:
            set_untracked(self, "_losses_override", None)
        self._loss_tracker.update_state(
            loss, sample_weight=batch_size_of(x, y_pred)
        )
        return self._step_metrics(x, y, y_pred, sample_weight)

    def make_predict_function(self, force: bool = False):
        """Runs `predict_step` over a group of batches."""
        if self.predict_function is not None and not force:
            return self.predict_function
        step = self.predict_step

        def predict_function(batches):
            return [step(standardize_batch(batch)) for batch in batches]

        set_untracked(self, "predict_function", predict_function)
        return predict_function


def trace_model(
    model: Any, structure: Any, specs: list, float64_boundary: bool = True
) -> tuple:
    """Traces `model`'s inference call into an `openvino.Model`.

    Args:
        model: A cornu model (or layer).
        structure: The nested structure of the inputs (its leaves are
            replaced by graph inputs).
        specs: `(shape, dtype)` of each flattened input, in order; a
            `None` size makes that axis dynamic.
        float64_boundary: float64 inputs and outputs cross the graph's
            boundary as float32 (see `core.float64_inside`), for `predict`
            on the CPU plugin; `False` keeps their declared dtype (export).

    Returns:
        `(ov_model, outputs, dtypes)`: the graph, the model's (symbolic)
        output structure, and the dtype of each graph output (the flat
        outputs, then the losses added during the call).
    """
    params, inputs = [], []
    for i, (shape, dtype) in enumerate(specs):
        dims = [-1 if d is None else int(d) for d in shape]
        # float64 enters as float32 (see `core.float64_inside`).
        wide = float64_boundary and np.dtype(dtype) == np.float64
        wire = "float32" if wide else dtype
        param = ovops.parameter(ov.PartialShape(dims), core.ov_type(wire))
        param.set_friendly_name(f"input_{i}")
        params.append(param)
        inputs.append(
            core.float64_inside(param.output(0), dtype)
            if wide
            else param.output(0)
        )
    symbolic = tree.pack_sequence_as(
        structure, [core.OpenVINOTensor(x) for x in inputs]
    )
    # Variable assignments (none in inference) are not applied; losses
    # added by layers during the call are collected as extra outputs.
    with core.tracing(), StatelessScope(collect_losses=True) as scope:
        if hasattr(model, "_call_model"):
            outputs = model._call_model(symbolic, training=False)
        else:
            outputs = model(symbolic, training=False)
    flat = [core.convert_to_tensor(o) for o in tree.flatten(outputs)]
    losses = [core.convert_to_tensor(loss) for loss in scope.losses]
    results = [o.output for o in flat + losses]
    dtypes = [o.dtype for o in flat + losses]
    if float64_boundary:
        results = [core.float32_outside(r) for r in results]
    ov_model = ov.Model(results, params, f"cornu_{model.name}")
    return ov_model, outputs, dtypes


def no_training(method: str) -> Exception:
    """The `BackendNotSupportedError` raised by the training `method`."""
    names = ", ".join(TRAINING_BACKENDS[:-1])
    return unsupported(
        "openvino",
        method,
        "the openvino backend runs inference only (`predict`, `evaluate`; "
        "OpenVINO has no automatic differentiation). Train with a training "
        f"backend ({names} or {TRAINING_BACKENDS[-1]}): set "
        "CORNU_BACKEND=jax (or torch, tensorflow) before the first "
        '`import cornu`, or the "backend" key of ~/.cornu/cornu.json; '
        "then save the model and load it here to predict/evaluate.",
    )


__all__ = ["CompiledPredict", "Trainer", "trace_model"]
