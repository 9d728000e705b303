import inspect

import pytest

import cornu
from cornu import ops
from cornu.src import losses as losses_lib

PUBLIC = sorted(
    name
    for name in dir(cornu.losses)
    if not name.startswith("_")
    and name not in ("get", "serialize", "deserialize")
)
CLASSES = [n for n in PUBLIC if inspect.isclass(getattr(cornu.losses, n))]
FUNCTIONS = [n for n in PUBLIC if n not in CLASSES]
ALIASES = {
    "mse": "mean_squared_error",
    "MSE": "mean_squared_error",
    "mae": "mean_absolute_error",
    "MAE": "mean_absolute_error",
    "mape": "mean_absolute_percentage_error",
    "MAPE": "mean_absolute_percentage_error",
    "msle": "mean_squared_logarithmic_error",
    "MSLE": "mean_squared_logarithmic_error",
    "kld": "kl_divergence",
    "KLD": "kl_divergence",
    "bce": "binary_crossentropy",
    "BCE": "binary_crossentropy",
    "logcosh": "log_cosh",
}


def test_every_public_loss_is_known_to_get():
    known = set(map(id, losses_lib.ALL_OBJECTS_DICT.values()))
    for name in PUBLIC:
        assert id(getattr(cornu.losses, name)) in known, name
    assert len(CLASSES) == 23  # Loss and the 22 built-in losses


@pytest.mark.parametrize("name", FUNCTIONS)
def test_function_names_give_the_function(name):
    fn = getattr(cornu.losses, name)
    assert cornu.losses.get(fn.__name__) is fn
    assert cornu.losses.get(fn) is fn
    assert cornu.losses.deserialize(cornu.losses.serialize(fn)) is fn


@pytest.mark.parametrize("alias, name", sorted(ALIASES.items()))
def test_aliases_give_the_function(alias, name):
    assert cornu.losses.get(alias) is getattr(cornu.losses, name)
    assert cornu.losses.deserialize(alias) is getattr(cornu.losses, name)


@pytest.mark.parametrize("name", [n for n in CLASSES if n != "Loss"])
def test_class_names_and_classes_give_instances(name):
    cls = getattr(cornu.losses, name)
    assert type(cornu.losses.get(name)) is cls
    assert type(cornu.losses.get(cls)) is cls
    instance = cls()
    assert cornu.losses.get(instance) is instance


def test_config_dicts_give_configured_instances():
    loss = cornu.losses.get(
        {
            "class_name": "CategoricalCrossentropy",
            "config": {"from_logits": True, "label_smoothing": 0.1},
        }
    )
    assert type(loss) is cornu.losses.CategoricalCrossentropy
    assert (loss.from_logits, loss.label_smoothing) == (True, 0.1)


def test_keras_written_configs_are_read():
    config = {
        "module": "keras.losses",
        "class_name": "Huber",
        "config": {"name": "huber_loss", "reduction": "sum", "delta": 2.0},
        "registered_name": None,
    }
    loss = cornu.losses.deserialize(config)
    assert (type(loss), loss.reduction, loss.delta) == (
        cornu.losses.Huber,
        "sum",
        2.0,
    )


def test_plain_callables_are_returned_as_is():
    def my_loss(y_true, y_pred):
        return ops.sum(y_pred - y_true, axis=-1)

    assert cornu.losses.get(my_loss) is my_loss
    assert cornu.losses.get(None) is None


def test_registered_custom_losses_are_found_by_name():
    def scaled(y_true, y_pred):
        return 2 * ops.mean(ops.square(y_pred - y_true), axis=-1)

    with cornu.saving.CustomObjectScope({"scaled": scaled}):
        assert cornu.losses.get("scaled") is scaled


@pytest.mark.parametrize("identifier", ["no_such_loss", "Mse", 3, [1]])
def test_unknown_identifiers_are_explained(identifier):
    with pytest.raises(ValueError, match="Could not interpret loss identifier"):
        cornu.losses.get(identifier)
    with pytest.raises(ValueError, match="register_keras_serializable"):
        cornu.losses.get(identifier)
