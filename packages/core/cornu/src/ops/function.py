"""`Function`: a recorded graph of operations, replayed on new inputs.

Calling ops and layers on `KerasTensor`s records nodes (`ops/node.py`);
a `Function` walks them back from its outputs to its inputs, orders them
so every node comes after the nodes feeding it, and re-runs them on real
tensors (or on new symbolic tensors, to infer output shapes).
"""

from __future__ import annotations

from typing import Any
from typing import Callable

from cornu.src.api_export import cornu_export
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.ops.operation import Operation


def make_node_key(operation: Any, node_index: int) -> str:
    """A key naming one node of one operation (unique per session)."""
    return f"{id(operation)}_ib-{node_index}"


def flatten(structure: Any) -> list:
    """The leaves of a nested list/tuple/dict, in the order `Node` uses
    for its tensors (dict values by sorted key); `None` is a leaf."""
    if type(structure) is list and len(structure) == 1:
        item = structure[0]
        if not isinstance(item, (list, tuple, dict)):
            return [item]  # hot path: a model's one input
    out = []
    stack = [structure]
    while stack:
        item = stack.pop()
        if isinstance(item, (list, tuple)):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            stack.extend(item[k] for k in reversed(sorted(item)))
        else:
            out.append(item)
    return out


def fill_in(structure: Any, values: dict) -> Any:
    """`structure` with each KerasTensor replaced by `values[id(tensor)]`."""
    if isinstance(structure, KerasTensor):
        return values[id(structure)]
    if isinstance(structure, list):
        return [fill_in(x, values) for x in structure]
    if isinstance(structure, tuple):
        return tuple(fill_in(x, values) for x in structure)
    if isinstance(structure, dict):
        return {k: fill_in(v, values) for k, v in structure.items()}
    return structure


def node_index_of(node: Any) -> int:
    for index, candidate in enumerate(node.operation._inbound_nodes):
        if candidate is node:
            return index
    raise RuntimeError(f"Node of {node.operation!r} is not registered.")


def map_graph(inputs: list, outputs: list) -> tuple:
    """The nodes linking `inputs` to `outputs`, in execution order.

    Args:
        inputs: Flat list of input KerasTensors.
        outputs: Flat list of output KerasTensors.

    Returns:
        `(nodes, node_keys, operations)`: the nodes ordered so each comes
        after those it depends on, the set of their `make_node_key`s, and
        the distinct operations in first-use order.
    """
    input_ids = {id(x) for x in inputs}
    ordered: list = []
    done: set = set()
    for output in outputs:
        _visit(output, input_ids, ordered, done, set(), inputs)
    # Inputs not used by any output still belong to the graph.
    input_nodes = []
    for x in inputs:
        if x._history is None:
            continue  # a bare KerasTensor: no node to run
        node = _producer(x)
        if id(node) not in done:
            done.add(id(node))
            input_nodes.append(node)
    ordered = input_nodes + ordered
    _check_connected(inputs, ordered)
    keys = {make_node_key(n.operation, node_index_of(n)) for n in ordered}
    operations = []
    seen = set()
    for node in ordered:
        if id(node.operation) not in seen:
            seen.add(id(node.operation))
            operations.append(node.operation)
    names = [op.name for op in operations]
    for name in names:
        if names.count(name) > 1:
            raise ValueError(
                f'The name "{name}" is used {names.count(name)} times in '
                "the model. All operation names should be unique: pass "
                "distinct `name=` arguments."
            )
    return ordered, keys, operations


def _producer(tensor: KerasTensor) -> Any:
    if tensor._history is None:
        raise ValueError(
            f"The tensor {tensor} was not produced by a cornu operation or "
            "`cornu.Input`, so it cannot be part of a graph. Create graph "
            "inputs with `cornu.Input(shape=...)`."
        )
    operation, node_index, _ = tensor._history
    return operation._inbound_nodes[node_index]


def _visit(tensor, input_ids, ordered, done, in_progress, inputs):
    """Depth-first walk from `tensor` back to the inputs (post-order)."""
    if tensor._history is None and id(tensor) in input_ids:
        return
    # An explicit stack: deep graphs must not hit the recursion limit.
    stack = [(_producer(tensor), id(tensor) in input_ids, False)]
    while stack:
        node, is_graph_input, expanded = stack.pop()
        if id(node) in done:
            continue
        if expanded:
            in_progress.discard(id(node))
            done.add(id(node))
            ordered.append(node)
            continue
        if id(node) in in_progress:
            raise ValueError(
                f"The graph has a cycle through operation "
                f"{node.operation.name!r}."
            )
        in_progress.add(id(node))
        stack.append((node, is_graph_input, True))
        if is_graph_input or node.is_input:
            continue
        for parent in reversed(node.input_tensors):
            if parent._history is None:
                continue  # reported by `_check_connected`
            stack.append((_producer(parent), id(parent) in input_ids, False))


def _check_connected(inputs: list, ordered: list) -> None:
    computable = {id(x) for x in inputs}
    accessed = []
    for node in ordered:
        if all(id(x) in computable for x in node.outputs):
            continue
        needed = node.outputs if node.is_input else node.input_tensors
        for x in needed:
            if id(x) not in computable:
                origin = _origin_name(x)
                raise ValueError(
                    f"Graph disconnected: cannot obtain value for tensor "
                    f"{x} at operation {node.operation.name!r}. It comes "
                    f"from {origin}, which is not among the given inputs "
                    f"{[t.name for t in inputs]}. The following previous "
                    f"operations were accessed without issue: {accessed}. "
                    "Pass every `cornu.Input` the outputs depend on as an "
                    "input."
                )
        computable.update(id(x) for x in node.outputs)
        accessed.append(node.operation.name)


def _origin_name(tensor: KerasTensor) -> str:
    """The name of the `Input` (or op) a tensor is traced back to."""
    while tensor._history is not None:
        node = _producer(tensor)
        if node.is_input:
            return f"the input {node.operation.name!r}"
        tensor = node.input_tensors[0]
    return f"the tensor {tensor.name!r}, which has no recorded history"


@cornu_export("cornu.Function")
class Function(Operation):
    """A graph of cornu operations linking inputs to outputs.

    Like a Functional model without the layer API: it holds no state of
    its own and can be re-applied to new (real or symbolic) inputs.

    Args:
        inputs: A `KerasTensor` or a nested list/dict of them.
        outputs: A `KerasTensor` or a nested list/dict of them, computable
            from `inputs` only.
        name: Optional name.

    Example:

    >>> a = cornu.KerasTensor((None, 2))
    >>> b = cornu.KerasTensor((None, 2))
    >>> fn = cornu.Function([a, b], cornu.ops.add(a, b) * 2.0)
    >>> y = fn([cornu.ops.ones((1, 2)), cornu.ops.ones((1, 2))])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [[4.0, 4.0]]
    """

    def __init__(
        self, inputs: Any, outputs: Any, name: str | None = None
    ) -> None:
        Operation.__init__(self, name=name)
        self._setup_graph(inputs, outputs)

    def _setup_graph(self, inputs: Any, outputs: Any) -> None:
        for label, structure in (("inputs", inputs), ("outputs", outputs)):
            flat = flatten(structure)
            if not flat:
                raise ValueError(
                    f"`{label}` argument cannot be empty. Received: "
                    f"inputs={inputs}, outputs={outputs}."
                )
            for x in flat:
                if not isinstance(x, KerasTensor):
                    raise ValueError(
                        f"All `{label}` values must be KerasTensors. "
                        f"Received: {label}={structure} including invalid "
                        f"value {x!r} of type {type(x).__name__}."
                    )
        state = {
            "_inputs_struct": _copy_structure(inputs),
            "_outputs_struct": _copy_structure(outputs),
            "_inputs": flatten(inputs),
            "_outputs": flatten(outputs),
        }
        nodes, keys, operations = map_graph(state["_inputs"], state["_outputs"])
        state.update(_graph_nodes=nodes, _nodes=keys, _operations=operations)
        # Plain attributes: graph bookkeeping is no tracked state.
        for key, value in state.items():
            object.__setattr__(self, key, value)
        self.__dict__.pop("_cached_run_plan", None)

    @property
    def operations(self) -> list:
        """The operations of the graph, from inputs to outputs."""
        return self._operations[:]

    @property
    def inputs(self) -> list:
        """The flat list of input KerasTensors."""
        return self._inputs

    @property
    def outputs(self) -> list:
        """The flat list of output KerasTensors."""
        return self._outputs

    def call(self, inputs: Any) -> Any:
        """Runs the graph on real tensors (same structure as `inputs`)."""
        self._assert_input_compatibility(inputs)
        return self._run_through_graph(inputs, lambda op: op)

    def compute_output_spec(self, inputs: Any) -> Any:
        """Output KerasTensors for symbolic inputs."""
        self._assert_input_compatibility(inputs)
        flat = flatten(inputs)
        if all(
            x.shape == ref.shape
            for x, ref in zip(flat, self._inputs, strict=True)
        ):
            return _map_tensors(
                lambda x: KerasTensor(x.shape, dtype=x.dtype, sparse=x.sparse),
                self._outputs_struct,
            )
        return self._run_through_graph(
            inputs, lambda op: op.compute_output_spec
        )

    def _run_through_graph(
        self,
        inputs: Any,
        operation_fn: Callable | None,
        call_fn: Callable | None = None,
    ) -> Any:
        """Runs every node on the values computed so far.

        `operation_fn(op)` gives the callable run at each node, or
        `call_fn(op, *args, **kwargs)` runs it; with neither, the node's
        operation is called.
        """
        input_ids, plan, output_ids, bare_output = self._run_plan()
        flat = flatten(inputs)
        if len(flat) != len(input_ids):
            raise ValueError(
                f"{type(self).__name__} {self.name!r} expects "
                f"{len(input_ids)} input(s); received {len(flat)}."
            )
        values = dict(zip(input_ids, flat, strict=True))
        for operation, single_input, single_output, node in plan:
            if single_input is not None:
                # Hot path: one tensor in, one tensor out, no kwargs.
                x = values[single_input]
                if call_fn is not None:
                    y = call_fn(operation, x)
                elif operation_fn is None:
                    y = operation(x)
                else:
                    y = operation_fn(operation)(x)
                if isinstance(y, (list, tuple, dict)):
                    y = flatten(y)[0]  # e.g. an op returning `[tensor]`
                values[single_output] = y
                continue
            if all(id(x) in values for x in node.outputs):
                continue
            args = fill_in(node.call_args, values)
            kwargs = fill_in(node.call_kwargs, values)
            if call_fn is not None:
                results = call_fn(operation, *args, **kwargs)
            elif operation_fn is None:
                results = operation(*args, **kwargs)
            else:
                results = operation_fn(operation)(*args, **kwargs)
            flat = [r for r in flatten(results) if r is not None]
            for x, y in zip(node.outputs, flat, strict=False):
                values[id(x)] = y
        if bare_output:
            return values[output_ids[0]]
        return _pack(self._outputs_struct, [values[i] for i in output_ids])

    def _run_plan(self) -> tuple:
        """What running the graph needs, computed once: the input ids,
        the nodes to run in order as `(operation, input id, output id,
        node)` (the ids set for nodes taking and giving one tensor, the
        common case, run without restructuring arguments), the output
        ids, and whether the output is one bare tensor."""
        cached = self.__dict__.get("_cached_run_plan")
        if cached is not None:
            return cached
        given = {id(x) for x in self._inputs}
        plan = []
        for node in self._graph_nodes:
            if node.is_input or all(id(x) in given for x in node.outputs):
                continue
            args = node.call_args
            simple = (
                len(args) == 1
                and isinstance(args[0], KerasTensor)
                and not node.call_kwargs
                and len(node.outputs) == 1
            )
            plan.append(
                (node.operation, id(args[0]), id(node.outputs[0]), node)
                if simple
                else (node.operation, None, None, node)
            )
        cached = (
            [id(x) for x in self._inputs],
            plan,
            [id(x) for x in self._outputs],
            not isinstance(self._outputs_struct, (list, tuple, dict)),
        )
        object.__setattr__(self, "_cached_run_plan", cached)
        return cached

    def _assert_input_compatibility(self, inputs: Any) -> None:
        flat = flatten(inputs)
        if len(flat) != len(self._inputs):
            raise ValueError(
                f"{type(self).__name__} {self.name!r} was called with an "
                f"invalid input structure. Expected input structure: "
                f"{_describe(self._inputs_struct)}; received "
                f"{len(flat)} input(s): {_describe(inputs)}."
            )
        known = self.__dict__.setdefault("_compatible_input_shapes", set())
        pairs = zip(flat, self._inputs, strict=True)
        for index, (x, ref) in enumerate(pairs):
            if x is None:
                continue
            shape = tuple(getattr(x, "shape", ()))
            key = (index, shape)
            try:
                if key in known:
                    continue  # hot path: checked on an earlier call
            except TypeError:
                key = None  # symbolic sizes (torch.export): not cached
            compatible = len(shape) == len(ref.shape) and all(
                a is None or b is None or a == b
                for a, b in zip(shape, ref.shape, strict=True)
            )
            if not compatible:
                raise ValueError(
                    f"{type(self).__name__} {self.name!r} was passed "
                    f"incompatible inputs. For input {ref.name!r}, expected "
                    f"shape {ref.shape}, but received instead a tensor with "
                    f"shape {shape}."
                )
            if key is not None and len(known) < 64:  # a few batch sizes
                known.add(key)


def _copy_structure(structure: Any) -> Any:
    return _map_tensors(lambda x: x, structure)


def _map_tensors(fn: Callable, structure: Any) -> Any:
    if isinstance(structure, list):
        return [_map_tensors(fn, x) for x in structure]
    if isinstance(structure, tuple):
        return tuple(_map_tensors(fn, x) for x in structure)
    if isinstance(structure, dict):
        return {k: _map_tensors(fn, v) for k, v in structure.items()}
    return fn(structure)


def _pack(structure: Any, flat: list) -> Any:
    """`flat` arranged like `structure` (the inverse of `flatten`)."""
    if not isinstance(structure, (list, tuple, dict)):
        return flat[0]  # hot path: one output
    iterator = iter(flat)

    def build(item):
        if isinstance(item, list):
            return [build(x) for x in item]
        if isinstance(item, tuple):
            return tuple(build(x) for x in item)
        if isinstance(item, dict):
            filled = {k: build(item[k]) for k in sorted(item)}
            return {k: filled[k] for k in item}
        return next(iterator)

    return build(structure)


def _describe(structure: Any) -> Any:
    return _map_tensors(
        lambda x: (
            getattr(x, "name", None)
            or f"tensor(shape={tuple(getattr(x, 'shape', ()))})"
        ),
        structure,
    )


__all__ = ["Function"]
