"""TensorBoard hooks of the openvino backend (integration tier): no op-graph
tracer, so `cornu.callbacks.TensorBoard` writes only the Keras model
graph."""

TRACES_OP_GRAPH = False


def add_op_graph(writer, model, args) -> None:
    """Not available on this backend (see `TRACES_OP_GRAPH`)."""
    del writer, model, args
    raise NotImplementedError("The openvino backend has no op-graph tracer.")


__all__ = ["TRACES_OP_GRAPH", "add_op_graph"]
