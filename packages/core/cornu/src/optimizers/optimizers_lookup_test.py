import pytest

import cornu

BUILT_INS = ["Adam", "SGD", "RMSprop", "AdamW", "Adagrad", "Adamax", "Nadam"]


@pytest.mark.parametrize("name", BUILT_INS)
def test_get_by_name_is_case_insensitive(name):
    cls = getattr(cornu.optimizers, name)
    for identifier in (name, name.lower(), name.upper()):
        opt = cornu.optimizers.get(identifier)
        assert type(opt) is cls


@pytest.mark.parametrize("name", BUILT_INS)
def test_serialize_deserialize_round_trip(name):
    opt = getattr(cornu.optimizers, name)(learning_rate=0.25)
    config = cornu.optimizers.serialize(opt)
    assert config["class_name"] == name
    restored = cornu.optimizers.deserialize(config)
    assert type(restored) is type(opt)
    assert restored.get_config() == opt.get_config()
    assert type(cornu.optimizers.get(config)) is type(opt)


def test_get_passes_instances_and_instantiates_classes():
    opt = cornu.optimizers.Adam()
    assert cornu.optimizers.get(opt) is opt
    assert type(cornu.optimizers.get(cornu.optimizers.SGD)) is (
        cornu.optimizers.SGD
    )
    assert cornu.optimizers.get(None) is None


def test_deserialize_with_lower_case_class_name_and_schedule():
    config = {
        "class_name": "adam",
        "config": {
            "learning_rate": {
                "class_name": "ExponentialDecay",
                "config": {
                    "initial_learning_rate": 0.1,
                    "decay_steps": 10,
                    "decay_rate": 0.5,
                },
            },
        },
    }
    opt = cornu.optimizers.deserialize(config)
    assert type(opt) is cornu.optimizers.Adam
    schedule = opt.get_config()["learning_rate"]
    assert schedule["class_name"] == "ExponentialDecay"


@pytest.mark.parametrize("identifier", ["adamz", 3, lambda: 1])
def test_get_unknown_identifier_raises(identifier):
    with pytest.raises(ValueError, match="Could not interpret optimizer"):
        cornu.optimizers.get(identifier)


def test_deserialize_requires_a_dict():
    with pytest.raises(ValueError, match="expects a config dict"):
        cornu.optimizers.deserialize("adam")
