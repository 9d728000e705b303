"""Training, evaluation and prediction under a `tf.distribute` strategy.

A model whose variables were created inside a strategy's scope (e.g.
`MirroredStrategy` over several devices) runs each step on every
replica: the batch is split along its first axis
(replica `i` takes rows `i*n//r` to `(i+1)*n//r`), `strategy.run` runs the
step on each shard, and

- gradients are weighted by each shard's share of the batch and averaged
  across replicas, so the update equals the full batch's (the losses are
  means over the batch); the optimizer then updates the mirrored
  variables once, in cross-replica context;
- losses and metrics accumulate per replica in their `on_read` variables,
  which sum across replicas when read;
- `predict` concatenates the replicas' outputs in order.

A replica whose shard is empty (a batch smaller than the replica count)
contributes zero gradients and no metric updates.
"""

from __future__ import annotations

import contextlib
from typing import Any

import tensorflow as tf

from cornu.src import tree

# The size of the batch being split, while `strategy.run` runs (and
# traces) the replicas' steps. A plain module attribute, not a
# thread-local: MirroredStrategy runs each replica in its own thread.
_GLOBAL_BATCH: list = []


def strategy_of(model: Any) -> Any:
    """The strategy whose scope created the model's variables, or `None`.
    (With one replica too: its metric variables then only update inside
    `strategy.run`.)"""
    for variable in model.weights:
        value = getattr(variable, "_value", None)
        if isinstance(value, tf.distribute.DistributedValues):
            return value._distribute_strategy
    return None


def _leading_size(batch: Any) -> int:
    for leaf in tree.flatten(batch):
        shape = getattr(leaf, "shape", None)
        if shape is not None and len(shape) and shape[0] is not None:
            return int(shape[0])
    shapes = [getattr(x, "shape", None) for x in tree.flatten(batch)]
    raise ValueError(
        "Running a step under a tf.distribute strategy needs batches with "
        "a known size along the first axis. Received a batch whose leaves "
        f"have shapes {shapes}."
    )


@contextlib.contextmanager
def _global_batch(size: int):
    _GLOBAL_BATCH.append(size)
    try:
        yield
    finally:
        _GLOBAL_BATCH.pop()


def run(strategy: Any, step: Any, batch: Any, collect: bool) -> Any:
    """`step(batch)` on every replica of `strategy`, each on its shard.

    Returns the replicas' outputs concatenated along the first axis when
    `collect` (predict), else the first replica's output (the metrics'
    results are the same on every replica).
    """
    size = _leading_size(batch)
    replicas = strategy.num_replicas_in_sync
    bounds = [i * size // replicas for i in range(replicas + 1)]

    def shard(context):
        i = context.replica_id_in_sync_group

        def cut(leaf):
            shape = getattr(leaf, "shape", None)
            if shape is None or not len(shape) or shape[0] != size:
                return leaf
            return leaf[bounds[i] : bounds[i + 1]]

        return tree.map_structure(cut, batch)

    shards = strategy.experimental_distribute_values_from_function(shard)
    with _global_batch(size):
        out = strategy.run(step, args=(shards,))
    results = strategy.experimental_local_results(out)
    if collect:
        return tree.map_structure(
            lambda *parts: tf.concat(parts, axis=0), *results
        )
    return results[0]


def shard_weight(local_size: int) -> float | None:
    """Inside a replica's step: the factor that turns this shard's mean
    gradient into its share of the full batch's mean once averaged over
    the replicas (`local * replicas / global`); `None` outside a
    distributed step."""
    context = tf.distribute.get_replica_context()
    if not _GLOBAL_BATCH or context is None:
        return None
    size = _GLOBAL_BATCH[-1]
    return local_size * context.num_replicas_in_sync / size


def apply_gradients(apply: Any, grads: list, weight: float) -> None:
    """Averages the weighted `grads` over the replicas and runs
    `apply(grads)` once, in cross-replica context, on the averaged
    values."""
    context = tf.distribute.get_replica_context()
    grads = [g * tf.cast(weight, g.dtype) for g in grads]
    grads = context.all_reduce(tf.distribute.ReduceOp.MEAN, grads)

    def merged(strategy, reduced):
        apply([strategy.experimental_local_results(g)[0] for g in reduced])

    context.merge_call(merged, args=(grads,))
