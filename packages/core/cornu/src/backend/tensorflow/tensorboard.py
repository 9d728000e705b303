"""TensorBoard hooks of the tensorflow backend (integration tier): the
model's call is traced by `tf.function` and the traced graph (a TF
`GraphDef`, TensorBoard's own graph format) is written as is."""

import tensorflow as tf

TRACES_OP_GRAPH = True


def add_op_graph(writer, model, args) -> None:
    """Traces `model` on `args` (a tuple of tensors) with `tf.function`
    and writes the op graph to `writer` (a tensorboardX
    `SummaryWriter`)."""
    specs = tf.nest.map_structure(
        lambda x: tf.TensorSpec(x.shape, x.dtype), tuple(args)
    )
    traced = tf.function(
        lambda *inputs: model(*inputs), autograph=False
    ).get_concrete_function(*specs)
    # tensorboardX writes any graph proto's bytes as the event's
    # `graph_def` with this method (its name notwithstanding); TF's
    # GraphDef is the proto TensorBoard reads.
    writer.file_writer.add_onnx_graph(traced.graph.as_graph_def())


__all__ = ["TRACES_OP_GRAPH", "add_op_graph"]
