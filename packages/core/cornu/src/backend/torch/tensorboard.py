"""TensorBoard hooks of the torch backend (integration tier): a cornu
model is a `torch.nn.Module`, so tensorboardX's tracer records its op
graph."""

TRACES_OP_GRAPH = True


def add_op_graph(writer, model, args) -> None:
    """Traces `model` on `args` (a tuple of tensors) into `writer`'s
    graph (a tensorboardX `SummaryWriter`)."""
    import torch

    # The tracer runs the model twice and compares the two graphs,
    # names of values included (taken from the Python variables holding
    # them). A first call on a new kind of input takes the checked path,
    # later ones the hot path: a call before tracing makes both traced
    # calls take the same one.
    with torch.no_grad():
        model(*args)
    writer.add_graph(model, args, use_strict_trace=False)


__all__ = ["TRACES_OP_GRAPH", "add_op_graph"]
