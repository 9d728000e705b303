"""Loss ops (cross-entropies, CTC, PSNR) on the PyTorch backend."""

import torch
import torch.nn.functional as F

from cornu.src.backend import config
from cornu.src.backend.common.ctc_beam_search import ctc_beam_search
from cornu.src.backend.torch.core import convert_to_tensor
from cornu.src.backend.torch.core import to_torch_dtype

__all__ = [
    "binary_crossentropy",
    "categorical_crossentropy",
    "sparse_categorical_crossentropy",
    "ctc_loss",
    "ctc_decode",
    "psnr",
]


def _float(x):
    x = convert_to_tensor(x)
    if not torch.is_floating_point(x):
        x = x.to(to_torch_dtype(config.floatx()))
    return x


def _like(x, ref):
    return convert_to_tensor(x).to(device=ref.device, dtype=ref.dtype)


def _log_probs(output, from_logits, axis):
    if from_logits:
        return torch.log_softmax(output, dim=axis)
    output = output / torch.sum(output, dim=axis, keepdim=True)
    eps = config.epsilon()
    return torch.log(torch.clamp(output, eps, 1.0 - eps))


def binary_crossentropy(target, output, from_logits=False):
    output = _float(output)
    target = _like(target, output)
    if from_logits:
        return -(target * F.logsigmoid(output)
                 + (1 - target) * F.logsigmoid(-output))
    eps = config.epsilon()
    output = torch.clamp(output, eps, 1.0 - eps)
    return -(target * torch.log(output)
             + (1 - target) * torch.log(1 - output))


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    output = _float(output)
    target = _like(target, output)
    return -torch.sum(target * _log_probs(output, from_logits, axis),
                      dim=axis)


def sparse_categorical_crossentropy(target, output, from_logits=False,
                                    axis=-1):
    output = _float(output)
    target = convert_to_tensor(target).to(output.device)
    if target.ndim == output.ndim and target.shape[-1] == 1:
        target = torch.squeeze(target, dim=-1)
    labels = target.long()
    if (
        output.ndim == 2
        and axis in (1, -1)
        and labels.device.type == "cpu"
    ):
        # On the CPU torch checks the labels itself (an IndexError when
        # one is out of range; -100 gives 0): the masked path below is
        # then needed only for out-of-range labels.
        try:
            if from_logits:
                return F.cross_entropy(output, labels, reduction="none")
            return F.nll_loss(
                _log_probs(output, False, 1), labels, reduction="none"
            )
        except IndexError:
            pass
    classes = output.shape[axis]
    # Out-of-range labels select nothing (a zero one-hot row), as in Keras.
    valid = (labels >= 0) & (labels < classes)
    labels = labels.clamp(0, classes - 1)
    if output.ndim < 2:
        log_probs = _log_probs(output, from_logits, axis)
        picked = torch.gather(log_probs, -1, labels.unsqueeze(-1)).squeeze(-1)
        return torch.where(valid, -picked, 0.0)
    # torch's fused kernels (and their fused gradients) want the classes
    # on dimension 1.
    if axis % output.ndim != 1:
        output = torch.movedim(output, axis, 1)
    if from_logits:
        losses = F.cross_entropy(output, labels, reduction="none")
    else:
        losses = F.nll_loss(
            _log_probs(output, False, 1), labels, reduction="none"
        )
    return torch.where(valid, losses, 0.0)


def _compute_dtype(x):
    return torch.float64 if x.dtype == torch.float64 else torch.float32


def ctc_loss(target, output, target_length, output_length, mask_index=0):
    output = convert_to_tensor(output)
    log_probs = torch.log_softmax(output.to(_compute_dtype(output)), dim=-1)
    device = log_probs.device
    target = convert_to_tensor(target).to(device=device, dtype=torch.long)
    target_length = convert_to_tensor(target_length).to(device).long()
    output_length = convert_to_tensor(output_length).to(device).long()
    return F.ctc_loss(
        log_probs.transpose(0, 1),
        target,
        output_length,
        target_length,
        blank=mask_index,
        reduction="none",
    )


def ctc_decode(inputs, sequence_lengths, strategy="greedy", beam_width=100,
               top_paths=1, merge_repeated=True, mask_index=0):
    inputs = convert_to_tensor(inputs)
    inputs = inputs.to(_compute_dtype(inputs))
    device = inputs.device
    lengths = convert_to_tensor(sequence_lengths).to(device).long()
    if strategy == "beam_search":
        # A sequential host-side search with no torch equivalent; decoded
        # paths carry no gradient, so leaving the graph is harmless.
        paths, scores = ctc_beam_search(
            inputs.detach().cpu().numpy(), lengths.cpu().numpy(),
            beam_width, top_paths, mask_index,
        )
        return (torch.as_tensor(paths, device=device),
                torch.as_tensor(scores, dtype=inputs.dtype, device=device))
    batch, max_length, _ = inputs.shape
    scores, indices = torch.max(inputs, dim=-1)
    steps = torch.arange(max_length, device=device)
    beyond = steps[None, :] >= lengths[:, None]
    indices = torch.where(beyond, mask_index, indices)
    scores = torch.where(beyond, torch.zeros_like(scores), scores)
    if merge_repeated:
        repeat = F.pad(indices[:, 1:] == indices[:, :-1], (1, 0))
        indices = torch.where(repeat, mask_index, indices)
    dropped = indices == mask_index
    # Stable sort moves the kept labels to the front, in order.
    order = torch.sort(dropped.to(torch.int8), dim=-1, stable=True).indices
    indices = torch.gather(torch.where(dropped, -1, indices), -1, order)
    decoded = indices.to(torch.int32)[None]
    return decoded, -torch.sum(scores, dim=1, keepdim=True)


def psnr(x1, x2, max_val):
    x1 = _float(x1)
    x2 = _like(x2, x1)
    mse = torch.mean(torch.square(x1 - x2))
    max_val = torch.as_tensor(max_val, dtype=x1.dtype, device=x1.device)
    return 20 * torch.log10(max_val) - 10 * torch.log10(mse)
