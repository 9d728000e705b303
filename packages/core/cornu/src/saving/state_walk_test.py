import numpy as np
import pytest

import cornu
from cornu import layers
from cornu.src.saving import saving_lib
from cornu.src.saving import state_walk


def _keys(model):
    return list(saving_lib.collect_state(model))


def test_sequential_paths_are_keras_paths():
    model = cornu.Sequential(
        [
            cornu.Input((3,)),
            layers.Dense(4, name="first"),
            layers.Dense(2, name="second"),
        ]
    )
    assert _keys(model) == [
        "layers/dense/vars/0",
        "layers/dense/vars/1",
        "layers/dense_1/vars/0",
        "layers/dense_1/vars/1",
    ]


def test_functional_paths_count_input_layers_and_shared_layers_once():
    a = cornu.Input((3,), name="a")
    b = cornu.Input((3,), name="b")
    shared = layers.Dense(2)
    merged = layers.Concatenate()([shared(a), shared(b)])
    norm = layers.BatchNormalization()(merged)
    model = cornu.Model([a, b], layers.Dense(1)(norm))
    assert _keys(model) == [
        "layers/dense/vars/0",
        "layers/dense/vars/1",
        "layers/batch_normalization/vars/0",
        "layers/batch_normalization/vars/1",
        "layers/batch_normalization/vars/2",
        "layers/batch_normalization/vars/3",
        "layers/dense_1/vars/0",
        "layers/dense_1/vars/1",
    ]


def test_nested_model_paths():
    inner = cornu.Sequential([cornu.Input((3,)), layers.Dense(2)])
    x = cornu.Input((3,))
    model = cornu.Model(x, layers.Dense(1)(inner(x)))
    assert _keys(model) == [
        "layers/sequential/layers/dense/vars/0",
        "layers/sequential/layers/dense/vars/1",
        "layers/dense/vars/0",
        "layers/dense/vars/1",
    ]


class _Block(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.scale = self.add_weight(shape=(), initializer="ones")
        self.zeta = layers.Dense(2)  # sorted after "layers" in Keras's walk
        self.alpha = layers.Dense(2)
        self.items = [layers.Dense(2), [layers.Dense(2)], {"k": layers.ReLU()}]
        self._hidden = layers.Dense(2)

    def call(self, x):
        return x


class _Net(cornu.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.block = _Block()
        self.out = layers.Dense(1)

    def call(self, x):
        return x


def test_attribute_paths_are_sorted_private_last_and_containers_by_class():
    block = _Block()
    for layer in [block.zeta, block.alpha, block._hidden]:
        layer.build((None, 2))
    block.items[0].build((None, 2))
    block.items[1][0].build((None, 2))
    assert _keys(block) == [
        "vars/0",
        "alpha/vars/0",
        "alpha/vars/1",
        "items/dense/vars/0",
        "items/dense/vars/1",
        "items/dense_1/vars/0",  # nested list: walked (Keras skips it)
        "items/dense_1/vars/1",
        "zeta/vars/0",
        "zeta/vars/1",
        "_hidden/vars/0",
        "_hidden/vars/1",
    ]


def test_subclassed_model_reaches_late_attributes_through_layers():
    model = _Net()
    model.out.build((None, 2))
    keys = _keys(model)
    # "block" sorts before "layers", "out" after it: as in Keras, `out`
    # is first reached through `model.layers`, named by its class.
    assert "block/vars/0" in keys
    assert "layers/dense/vars/0" in keys
    assert not any(key.startswith("out/") for key in keys)


def test_self_containing_containers_are_walked_once():
    block = layers.Layer()
    block.items = [layers.Dense(2)]
    block.items.append(block.items)
    block.items[0].build((None, 2))
    assert _keys(block) == ["items/dense/vars/0", "items/dense/vars/1"]


def test_sets_of_layers_are_walked_in_name_order():
    # A set (here inside a tracked list) iterates in a different order in
    # every process; the names (restored from the config) fix the order,
    # hence the paths.
    for names in (["b", "a", "c"], ["c", "a", "b"]):
        block = layers.Layer()
        block.group = [{layers.Dense(2, name=name) for name in names}]
        for item in block.group[0]:
            item.build((None, 2))
        order = [
            obj.name
            for path, obj in state_walk.walk(block)
            if path.startswith("group/")
        ]
        assert order == ["a", "b", "c"]


def test_walk_skips_objects():
    model = cornu.Sequential([cornu.Input((3,)), layers.Dense(2)])
    paths = [path for path, _ in state_walk.walk(model, skip=model.layers)]
    assert paths == [""]


@pytest.mark.parametrize(
    "flat, expected",
    [
        ("vars/0", ("", "0")),
        ("layers/dense/vars/1", ("layers/dense", "1")),
        ("a/vars/b/vars/x", ("a/vars/b", "x")),
        ("optimizer/vars/12", ("optimizer", "12")),
        ("layers/dense", None),
        ("layers/dense/vars/", None),
    ],
)
def test_split_key(flat, expected):
    assert state_walk.split_key(flat) == expected


def test_group_keys_orders_numeric_entries():
    groups = state_walk.group_keys(
        ["p/vars/10", "p/vars/2", "p/vars/name", "vars/0", "junk"]
    )
    assert groups == {
        "p": {"2": "p/vars/2", "10": "p/vars/10", "name": "p/vars/name"},
        "": {"0": "vars/0"},
    }
    assert list(groups["p"]) == ["2", "10", "name"]


def test_write_entry_behaves_like_a_dict():
    entries = {}
    store = state_walk.WriteEntry(entries, "a", np.asarray)
    store["0"] = [1.0, 2.0]
    store[1] = 3.0
    assert len(store) == 2 and "0" in store and store.keys() == ["0", "1"]
    np.testing.assert_array_equal(store["0"], [1.0, 2.0])
    assert list(entries) == ["a/vars/0", "a/vars/1"]


# ------------------------------------------------ Layer.save/load_own_variables


def _dense():
    layer = layers.Dense(2)
    layer.build((None, 3))
    return layer


def test_layer_own_variables_round_trip():
    rng = np.random.default_rng(1)
    source = _dense()
    source.set_weights(
        [rng.normal(size=(3, 2)).astype("float32"), np.ones(2, "float32")]
    )
    store = {}
    source.save_own_variables(store)
    target = _dense()
    target.load_own_variables(
        {k: cornu.ops.convert_to_numpy(v) for k, v in store.items()}
    )
    for a, b in zip(source.get_weights(), target.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_layer_load_count_mismatch_names_the_layer():
    layer = _dense()
    with pytest.raises(ValueError, match=r"expects 2 variables .* holds 1"):
        layer.load_own_variables({"0": np.zeros((3, 2))})


def test_layer_load_into_unbuilt_layer_explains_building():
    layer = layers.Dense(2)
    with pytest.raises(ValueError, match="was never built"):
        layer.load_own_variables({"0": np.zeros((3, 2))})


def test_layer_load_shape_mismatch_changes_nothing():
    layer = _dense()
    before = layer.get_weights()
    with pytest.raises(ValueError, match=r"has shape \(2,\), but the file"):
        layer.load_own_variables({"0": np.zeros((3, 2)), "1": np.zeros(5)})
    for a, b in zip(before, layer.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
