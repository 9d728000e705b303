"""The PyTorch training step (integration tier, STYLE.md R23).

Eager, with as little Python per step as the API allows: the variables
are the model's `torch.nn.Parameter`s, so `loss.backward()` fills their
`.grad` and the optimizer updates them in place. `jit_compile=True`
compiles the step with `torch.compile`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from cornu.src import tree
from cornu.src.backend.torch import core
from cornu.src.trainers.data_adapters import data_adapter_utils
from cornu.src.trainers.trainer_utils import standardize_batch


def _to_torch(batch: Any) -> Any:
    """NumPy leaves become tensors on the current device (zero-copy on
    the CPU); arrays of strings stay NumPy arrays for the string layers."""
    device = core.get_device()

    def one(value):
        if isinstance(value, np.ndarray) and value.dtype.kind not in "USO":
            tensor = (
                torch.from_numpy(value)
                if value.flags.writeable
                else (torch.as_tensor(value.copy()))
            )
            return tensor.to(device, non_blocking=True)
        if isinstance(value, torch.Tensor) and value.device != device:
            return value.to(device, non_blocking=True)
        return value

    return tree.map_structure(one, standardize_batch(batch))


class Trainer:
    """Step functions for the torch backend."""

    _auto_jit_compile = False

    def train_step(self, data: Any) -> dict:
        """One training step: forward, loss, backward, optimizer update,
        metric updates. Override it for a custom step."""
        x, y, sample_weight = data_adapter_utils.unpack_x_y_sample_weight(data)
        y_pred = self._call_model(x, training=True)
        loss = self._compute_loss(x, y, y_pred, sample_weight, training=True)
        self._loss_tracker.update_state(
            loss.detach(), sample_weight=_batch_size(x)
        )
        optimizer = self.optimizer
        cached = self._loop_variables  # set while fit & co. run
        variables = (
            cached["trainable"]
            if cached is not None
            else self.trainable_variables
        )
        if variables and optimizer is not None:
            for variable in variables:
                variable.value.grad = None
            loss = optimizer.scale_loss(loss)
            loss.backward()
            grads = [variable.value.grad for variable in variables]
            with torch.no_grad():
                optimizer.apply(grads, variables)
        return self._step_metrics(x, y, y_pred, sample_weight)

    def make_train_function(self, force: bool = False):
        """The function running `train_step` over a group of batches."""
        if self.train_function is not None and not force:
            return self.train_function
        step = self.train_step
        if self.jit_compile:
            step = torch.compile(step)

        def train_function(batches):
            logs = None
            for batch in batches:
                logs = step(_to_torch(batch))
            return logs

        object.__setattr__(self, "train_function", train_function)
        return train_function

    def make_test_function(self, force: bool = False):
        if self.test_function is not None and not force:
            return self.test_function
        step = self.test_step
        if self.jit_compile:
            step = torch.compile(step)

        def test_function(batches):
            logs = None
            with torch.no_grad():
                for batch in batches:
                    logs = step(_to_torch(batch))
            return logs

        object.__setattr__(self, "test_function", test_function)
        return test_function

    def make_predict_function(self, force: bool = False):
        if self.predict_function is not None and not force:
            return self.predict_function
        step = self.predict_step
        if self.jit_compile:
            step = torch.compile(step)

        def predict_function(batches):
            with torch.no_grad():
                return [step(_to_torch(batch)) for batch in batches]

        object.__setattr__(self, "predict_function", predict_function)
        return predict_function


def _batch_size(x: Any) -> int:
    for value in tree.flatten(x):
        shape = getattr(value, "shape", None)
        if shape is not None and len(shape):
            return shape[0]
    return 1


__all__ = ["Trainer"]
