"""A catalogue of small built models, one per built-in layer class.

The saving tests use it to check round trips (cornu -> file -> cornu,
across backends) and Keras 3 interop (files written by Keras 3 load in
cornu and the other way). Every case is written against the Keras 3
public API only (`layers`, `initializers`, `optimizers`, `Input`,
`Model`, `Sequential`), so that `cases(keras)` and `cases(cornu)` build
the same models: `tools/keras_fixtures/generate.py` runs it under real
Keras 3 without importing cornu, which is why this module imports
nothing from cornu.

Every layer has an explicit name (automatic names depend on how many
layers a process made before, so configs would differ between runs),
and every weight is random: kernels come from seeded
initializers and then all float weights (biases, moving statistics,
scales) are overwritten with seeded random values through `set_weights`.
The preprocessing layers with `adapt` state (Normalization,
Discretization, the lookups, TextVectorization) adapt on fixed data
instead, so that their files carry real statistics and vocabularies
(Keras's assets); the cases with string inputs say
`keras_backend="tensorflow"`, the one Keras backend that runs them.
"""

from __future__ import annotations

import dataclasses
from typing import Any
from typing import Callable

import numpy as np

# float32 tolerances of the prediction comparisons.
RTOL = 1e-5
ATOL = 1e-6


@dataclasses.dataclass(frozen=True)
class Case:
    """One catalogue model.

    Attributes:
        name: Identifier, also the fixture file's stem.
        covers: Public names (in `layers`) of the classes it exercises.
        build: Returns the built model, its weights randomized.
        inputs: `inputs(rng)` returns the NumPy input(s) of a prediction.
        train: `train(model, rng)` compiles the model and fits it for a
            few steps (cases whose optimizer state is checked), or `None`.
        keras: Whether Keras 3 can load the model (`False` for a Lambda,
            whose config carries Python bytecode).
        keras_backend: The backend Keras 3 runs the case on when it writes
            or reads its `.keras` file: `"tensorflow"` for models with
            string inputs (Keras runs string layers only on TensorFlow;
            its Functional models refuse string tensors on jax).
        rtol: Relative tolerance of prediction comparisons.
        atol: Absolute tolerance of prediction comparisons.
    """

    name: str
    covers: tuple[str, ...]
    build: Callable[[], Any]
    inputs: Callable[[np.random.Generator], Any]
    train: Callable[[Any, np.random.Generator], None] | None = None
    keras: bool = True
    keras_backend: str = "jax"
    rtol: float = RTOL
    atol: float = ATOL


def randomize_weights(model: Any, seed: int) -> None:
    """Overwrites every float weight of `model` with seeded random values.

    Variances and scales get values in [0.5, 1.5) (positive, so that
    normalization stays well conditioned); other weights are normal with
    standard deviation 0.5. Integer weights are left unchanged.
    """
    rng = np.random.default_rng(seed)
    values = []
    pairs = zip(model.weights, model.get_weights(), strict=True)
    for variable, value in pairs:
        value = np.asarray(value)
        name = variable.name
        if value.dtype.kind != "f":
            values.append(value)
            continue
        if "variance" in name or "gamma" in name or "scale" in name:
            new = rng.uniform(0.5, 1.5, value.shape)
        else:
            new = rng.normal(0.0, 0.5, value.shape)
        values.append(new.astype(value.dtype))
    model.set_weights(values)


def _floats(*shape: int) -> Callable[[np.random.Generator], Any]:
    def inputs(rng: np.random.Generator) -> Any:
        return rng.normal(size=(3, *shape)).astype("float32")

    return inputs


def _ids(length: int, vocabulary: int) -> Callable[[np.random.Generator], Any]:
    def inputs(rng: np.random.Generator) -> Any:
        ids = rng.integers(1, vocabulary, size=(3, length)).astype("int32")
        ids[0, -2:] = 0  # trailing padding, masked where mask_zero=True
        ids[1, -1:] = 0
        return ids

    return inputs


def _masked_floats(rng: np.random.Generator) -> Any:
    x = rng.normal(size=(3, 4, 3)).astype("float32")
    x[0, 2:] = 0.0  # masked by Masking(mask_value=0.0)
    x[2, 3:] = 0.0
    return x


@dataclasses.dataclass(frozen=True)
class _Init:
    """Placeholder for a seeded `RandomNormal` initializer."""

    seed: int


@dataclasses.dataclass(frozen=True)
class _Sub:
    """Placeholder for a nested layer argument (a wrapped layer)."""

    cls: str
    kwargs: dict


# (case/layer name, class, constructor arguments, input shape without the
# batch axis). Non-default arguments where they matter.
_SINGLE = [
    # activations
    ("activation", "Activation", {"activation": "tanh"}, (5,)),
    ("elu", "ELU", {"alpha": 0.7}, (5,)),
    ("leaky_relu", "LeakyReLU", {"negative_slope": 0.2}, (5,)),
    ("prelu", "PReLU", {"alpha_initializer": _Init(1), "shared_axes": [1]},
     (3, 4)),
    ("relu", "ReLU",
     {"max_value": 1.5, "negative_slope": 0.1, "threshold": 0.2}, (5,)),
    ("softmax", "Softmax", {"axis": 1}, (3, 4)),
    # regularization: identities at inference
    ("activity_regularization", "ActivityRegularization",
     {"l1": 0.01, "l2": 0.02}, (5,)),
    ("alpha_dropout", "AlphaDropout", {"rate": 0.2, "seed": 1}, (5,)),
    ("dropout", "Dropout",
     {"rate": 0.3, "noise_shape": (None, 1, 4), "seed": 2}, (3, 4)),
    ("gaussian_dropout", "GaussianDropout", {"rate": 0.2, "seed": 3}, (5,)),
    ("gaussian_noise", "GaussianNoise", {"stddev": 0.1, "seed": 4}, (5,)),
    ("spatial_dropout1d", "SpatialDropout1D", {"rate": 0.2}, (4, 3)),
    ("spatial_dropout2d", "SpatialDropout2D",
     {"rate": 0.2, "data_format": "channels_first"}, (2, 3, 3)),
    ("spatial_dropout3d", "SpatialDropout3D", {"rate": 0.2}, (2, 2, 2, 2)),
    # core
    ("dense", "Dense",
     {"units": 3, "activation": "relu", "kernel_initializer": _Init(2)},
     (4,)),
    ("einsum_dense", "EinsumDense",
     {"equation": "abc,cd->abd", "output_shape": (None, 3),
      "bias_axes": "d", "activation": "tanh", "kernel_initializer": _Init(3)},
     (2, 4)),
    ("identity", "Identity", {}, (4,)),
    # normalization
    ("batch_normalization", "BatchNormalization",
     {"axis": 1, "momentum": 0.9, "epsilon": 1e-2}, (3, 4)),
    ("group_normalization", "GroupNormalization",
     {"groups": 2, "epsilon": 1e-2}, (3, 4)),
    ("layer_normalization", "LayerNormalization",
     {"axis": [1, 2], "epsilon": 1e-2}, (3, 4)),
    ("rms_normalization", "RMSNormalization", {"epsilon": 1e-3}, (3, 4)),
    ("spectral_normalization", "SpectralNormalization",
     {"layer": _Sub("Dense", {"units": 3, "kernel_initializer": _Init(4)}),
      "power_iterations": 2}, (4,)),
    ("unit_normalization", "UnitNormalization", {"axis": -1}, (3, 4)),
    # reshaping
    ("cropping1d", "Cropping1D", {"cropping": (1, 2)}, (6, 2)),
    ("cropping2d", "Cropping2D",
     {"cropping": ((1, 0), (0, 2)), "data_format": "channels_first"},
     (2, 4, 5)),
    ("cropping3d", "Cropping3D", {"cropping": ((1, 0), (0, 1), (1, 1))},
     (3, 3, 4, 2)),
    ("flatten", "Flatten", {}, (2, 3, 2)),
    ("permute", "Permute", {"dims": (2, 1)}, (3, 4)),
    ("repeat_vector", "RepeatVector", {"n": 3}, (4,)),
    ("reshape", "Reshape", {"target_shape": (4, -1)}, (3, 4)),
    ("up_sampling1d", "UpSampling1D", {"size": 3}, (3, 2)),
    ("up_sampling2d", "UpSampling2D",
     {"size": (2, 3), "interpolation": "bilinear"}, (3, 3, 2)),
    ("up_sampling3d", "UpSampling3D",
     {"size": (1, 2, 2), "data_format": "channels_first"}, (2, 2, 2, 2)),
    ("zero_padding1d", "ZeroPadding1D", {"padding": (1, 2)}, (3, 2)),
    ("zero_padding2d", "ZeroPadding2D", {"padding": ((0, 1), (2, 1))},
     (3, 3, 2)),
    ("zero_padding3d", "ZeroPadding3D",
     {"padding": 1, "data_format": "channels_first"}, (2, 2, 2, 2)),
    # pooling
    ("adaptive_average_pooling1d", "AdaptiveAveragePooling1D",
     {"output_size": 3}, (7, 2)),
    ("adaptive_average_pooling2d", "AdaptiveAveragePooling2D",
     {"output_size": (2, 3), "data_format": "channels_first"}, (2, 5, 7)),
    ("adaptive_average_pooling3d", "AdaptiveAveragePooling3D",
     {"output_size": 2}, (4, 5, 3, 2)),
    ("adaptive_max_pooling1d", "AdaptiveMaxPooling1D",
     {"output_size": 3, "data_format": "channels_first"}, (2, 7)),
    ("adaptive_max_pooling2d", "AdaptiveMaxPooling2D", {"output_size": 2},
     (5, 4, 2)),
    ("adaptive_max_pooling3d", "AdaptiveMaxPooling3D",
     {"output_size": (1, 2, 2)}, (3, 4, 5, 2)),
    ("average_pooling1d", "AveragePooling1D",
     {"pool_size": 2, "strides": 1, "padding": "same"}, (5, 2)),
    ("average_pooling2d", "AveragePooling2D",
     {"pool_size": (2, 2), "data_format": "channels_first"}, (2, 4, 5)),
    ("average_pooling3d", "AveragePooling3D",
     {"pool_size": 2, "padding": "same"}, (3, 3, 3, 2)),
    ("max_pooling1d", "MaxPooling1D",
     {"pool_size": 3, "strides": 2, "data_format": "channels_first"},
     (2, 7)),
    ("max_pooling2d", "MaxPooling2D", {"pool_size": 2, "padding": "same"},
     (5, 5, 2)),
    ("max_pooling3d", "MaxPooling3D", {"pool_size": (1, 2, 2)},
     (2, 4, 4, 2)),
    ("global_average_pooling1d", "GlobalAveragePooling1D",
     {"keepdims": True}, (4, 3)),
    ("global_average_pooling2d", "GlobalAveragePooling2D",
     {"data_format": "channels_first"}, (2, 3, 3)),
    ("global_average_pooling3d", "GlobalAveragePooling3D", {},
     (2, 2, 2, 3)),
    ("global_max_pooling1d", "GlobalMaxPooling1D",
     {"data_format": "channels_first"}, (4, 3)),
    ("global_max_pooling2d", "GlobalMaxPooling2D", {"keepdims": True},
     (3, 3, 2)),
    ("global_max_pooling3d", "GlobalMaxPooling3D", {}, (2, 2, 2, 3)),
    # convolutional
    ("conv1d", "Conv1D",
     {"filters": 3, "kernel_size": 3, "padding": "causal",
      "dilation_rate": 2, "activation": "relu",
      "kernel_initializer": _Init(5)}, (6, 2)),
    ("conv2d", "Conv2D",
     {"filters": 4, "kernel_size": (2, 3), "strides": (1, 2),
      "data_format": "channels_first", "use_bias": False, "groups": 2,
      "kernel_initializer": _Init(6)}, (2, 5, 6)),
    ("conv3d", "Conv3D",
     {"filters": 2, "kernel_size": 2, "padding": "same",
      "kernel_initializer": _Init(7)}, (3, 3, 3, 2)),
    ("conv1d_transpose", "Conv1DTranspose",
     {"filters": 3, "kernel_size": 3, "strides": 2, "padding": "same",
      "kernel_initializer": _Init(8)}, (4, 2)),
    ("conv2d_transpose", "Conv2DTranspose",
     {"filters": 2, "kernel_size": (3, 2), "strides": (2, 1),
      "data_format": "channels_first", "kernel_initializer": _Init(9)},
     (2, 3, 3)),
    ("conv3d_transpose", "Conv3DTranspose",
     {"filters": 2, "kernel_size": 2, "strides": 2, "use_bias": False,
      "kernel_initializer": _Init(10)}, (2, 2, 2, 2)),
    ("depthwise_conv1d", "DepthwiseConv1D",
     {"kernel_size": 3, "depth_multiplier": 2, "padding": "same",
      "depthwise_initializer": _Init(11)}, (5, 2)),
    ("depthwise_conv2d", "DepthwiseConv2D",
     {"kernel_size": 2, "data_format": "channels_first",
      "activation": "elu", "depthwise_initializer": _Init(12)}, (2, 4, 4)),
    ("separable_conv1d", "SeparableConv1D",
     {"filters": 3, "kernel_size": 2, "depth_multiplier": 2,
      "depthwise_initializer": _Init(13),
      "pointwise_initializer": _Init(14)}, (5, 2)),
    ("separable_conv2d", "SeparableConv2D",
     {"filters": 3, "kernel_size": 2, "padding": "same", "use_bias": False,
      "depthwise_initializer": _Init(15),
      "pointwise_initializer": _Init(16)}, (4, 4, 2)),
]

# Single-layer cases built as `Sequential` (the others are Functional).
_SEQUENTIAL = {
    "activation",
    "elu",
    "leaky_relu",
    "alpha_dropout",
    "identity",
    "cropping1d",
    "flatten",
    "average_pooling1d",
    "max_pooling1d",
    "conv3d",
}

_MERGE = [
    ("add", "Add", {}),
    ("average", "Average", {}),
    ("concatenate", "Concatenate", {"axis": -1}),
    ("dot", "Dot", {"axes": 1, "normalize": True}),
    ("maximum", "Maximum", {}),
    ("minimum", "Minimum", {}),
    ("multiply", "Multiply", {}),
    ("subtract", "Subtract", {}),
]

# Attention cases, query (4, 6) and value (5, 6): (name, class, constructor
# arguments, whether the layer takes `[query, value]` as one list). Used
# only where the module has the class.
_ATTENTION = [
    ("attention", "Attention", {"use_scale": True, "score_mode": "concat"},
     True),
    ("additive_attention", "AdditiveAttention", {"use_scale": True}, True),
    ("multi_head_attention", "MultiHeadAttention",
     {"num_heads": 2, "key_dim": 3, "use_bias": False}, False),
    ("group_query_attention", "GroupQueryAttention",
     {"head_dim": 3, "num_query_heads": 4, "num_key_value_heads": 2}, False),
]

# Recurrent cases: (name = builder method, classes, input shape; `None`
# for token ids). Used only where the module has every class (cornu's
# recurrent layers are being written).
_RECURRENT = [
    ("lstm", ("LSTM",), (5, 3)),
    ("gru", ("GRU", "Embedding"), None),
    ("simple_rnn", ("SimpleRNN",), (5, 3)),
    ("rnn_stacked_cells",
     ("RNN", "StackedRNNCells", "SimpleRNNCell", "LSTMCell", "GRUCell"),
     (5, 3)),
    ("bidirectional", ("Bidirectional", "LSTM"), (5, 3)),
    ("time_distributed", ("TimeDistributed",), (4, 5)),
    ("conv_lstm1d", ("ConvLSTM1D",), (3, 5, 2)),
    ("conv_lstm2d", ("ConvLSTM2D",), (3, 4, 4, 2)),
    ("conv_lstm3d", ("ConvLSTM3D",), (2, 3, 3, 3, 1)),
]

# Image preprocessing cases on (8, 8, 3) images with values in [0, 255]:
# (name, class, constructor arguments). The random augmentations are
# identities at inference (what `predict` checks; their configs and seed
# states are what the file carries); AutoContrast, CLAHE, Resizing,
# CenterCrop and Rescaling transform at inference too. RandomCrop crops
# to the input's own size: at inference Keras 3.15 returns its input
# uncropped (its code; its docs and output shape say a centred crop,
# which cornu does), so only an equal size predicts alike.
_IMAGE = [
    ("aug_mix", "AugMix",
     {"num_chains": 2, "chain_depth": 2, "factor": 0.5, "alpha": 0.8,
      "all_ops": False, "seed": 5}),
    ("auto_contrast", "AutoContrast", {"value_range": (0, 255)}),
    ("clahe", "ContrastLimitedAdaptiveHistogramEqualization",
     {"clip_limit": 3.0, "tile_grid_size": (2, 2)}),
    ("cut_mix", "CutMix", {"factor": 0.8, "seed": 3}),
    ("equalization", "Equalization", {"bins": 64}),
    ("max_num_bounding_boxes", "MaxNumBoundingBoxes",
     {"max_number": 3, "fill_value": -2}),
    ("mix_up", "MixUp", {"alpha": 0.3, "seed": 2}),
    ("rand_augment", "RandAugment",
     {"num_ops": 3, "factor": 0.4, "interpolation": "nearest", "seed": 4}),
    ("random_brightness", "RandomBrightness",
     {"factor": (-0.2, 0.3), "seed": 1}),
    ("random_color_degeneration", "RandomColorDegeneration",
     {"factor": 0.4, "seed": 2}),
    ("random_color_jitter", "RandomColorJitter",
     {"brightness_factor": 0.2, "contrast_factor": 0.3,
      "saturation_factor": (0.4, 0.6), "hue_factor": 0.1, "seed": 3}),
    ("random_contrast", "RandomContrast", {"factor": 0.3, "seed": 1}),
    ("random_crop", "RandomCrop", {"height": 8, "width": 8, "seed": 2}),
    ("random_elastic_transform", "RandomElasticTransform",
     {"factor": 0.5, "scale": 0.3, "fill_mode": "constant", "seed": 4}),
    ("random_erasing", "RandomErasing",
     {"factor": 0.5, "scale": (0.1, 0.2), "fill_value": 10.0, "seed": 5}),
    ("random_flip", "RandomFlip", {"mode": "horizontal", "seed": 6}),
    ("random_gaussian_blur", "RandomGaussianBlur",
     {"factor": 0.5, "kernel_size": 5, "sigma": (0.3, 0.9), "seed": 7}),
    ("random_grayscale", "RandomGrayscale", {"factor": 0.7, "seed": 8}),
    ("random_hue", "RandomHue", {"factor": 0.3, "seed": 9}),
    ("random_invert", "RandomInvert", {"factor": 0.6, "seed": 10}),
    ("random_perspective", "RandomPerspective",
     {"factor": 0.4, "scale": 0.5, "seed": 11}),
    ("random_posterization", "RandomPosterization",
     {"factor": (2, 5), "seed": 12}),
    ("random_rotation", "RandomRotation",
     {"factor": 0.2, "fill_mode": "nearest", "seed": 13}),
    ("random_saturation", "RandomSaturation", {"factor": 0.4, "seed": 14}),
    ("random_sharpness", "RandomSharpness", {"factor": 0.4, "seed": 15}),
    ("random_shear", "RandomShear",
     {"x_factor": 0.2, "y_factor": 0.1, "seed": 16}),
    ("random_translation", "RandomTranslation",
     {"height_factor": 0.1, "width_factor": (-0.2, 0.1),
      "fill_mode": "constant", "fill_value": 3.0, "seed": 17}),
    ("random_zoom", "RandomZoom",
     {"height_factor": (-0.2, 0.1), "width_factor": 0.2, "seed": 18}),
    ("solarization", "Solarization",
     {"addition_factor": 0.2, "threshold_factor": 0.3, "seed": 19}),
    ("rescaling", "Rescaling", {"scale": 1.0 / 127.5, "offset": -1.0}),
    ("resizing", "Resizing",
     {"height": 4, "width": 6, "crop_to_aspect_ratio": True}),
    ("center_crop", "CenterCrop",
     {"height": 5, "width": 4, "data_format": "channels_last"}),
]

# Image cases wrapped in a `Pipeline`: Keras 3.15 cannot put Equalization
# in a Functional model directly (its symbolic output is its input tensor
# itself, which Functional calls a cycle). It acts only in training, so
# `predict` checks the identity, as for the random layers.
_IN_PIPELINE = {"equalization"}

# Words of the string cases' inputs and vocabularies.
_WORDS = ("the", "cat", "sat", "on", "a", "mat", "dog", "ran", "far")


def _images(*shape: int) -> Callable[[np.random.Generator], Any]:
    def inputs(rng: np.random.Generator) -> Any:
        return rng.uniform(0.0, 255.0, size=(3, *shape)).astype("float32")

    return inputs


def _integers(
    low: int, high: int, *shape: int
) -> Callable[[np.random.Generator], Any]:
    def inputs(rng: np.random.Generator) -> Any:
        return rng.integers(low, high, size=(3, *shape)).astype("int32")

    return inputs


def _words(rng: np.random.Generator, shape: tuple) -> Any:
    # "zebra" is out of every vocabulary (an OOV token).
    return rng.choice(np.array([*_WORDS, "zebra"]), size=shape)


def _strings(*shape: int) -> Callable[[np.random.Generator], Any]:
    def inputs(rng: np.random.Generator) -> Any:
        return _words(rng, (3, *shape))

    return inputs


def _sentences(rng: np.random.Generator) -> Any:
    """Three sentences with capitals and punctuation (standardized away)."""
    words = _words(rng, (3, 4))
    return np.array(
        [" ".join(row[: 2 + i]).capitalize() + "!" for i, row in
         enumerate(words)]
    )


# Fixed data the stateful preprocessing cases adapt on.
_ADAPT_FLOATS = np.linspace(-2.0, 3.0, 40, dtype="float32").reshape(10, 4)
_ADAPT_WORDS = np.array(
    [["the", "cat", "sat", "on"], ["the", "cat", "a", "mat"],
     ["dog", "ran", "far", "the"]]
)
_ADAPT_TEXT = np.array(
    ["The cat sat on the mat.", "A dog ran far!", "the cat ran, the dog sat"]
)


class _Builder:
    """Builds the catalogue's models with one Keras-like module."""

    def __init__(self, keras_module: Any) -> None:
        self.k = keras_module
        self.L = keras_module.layers

    def resolve(self, value: Any) -> Any:
        if isinstance(value, _Init):
            return self.k.initializers.RandomNormal(
                stddev=0.5, seed=value.seed
            )
        if isinstance(value, _Sub):
            return self.layer(value.cls, value.kwargs)
        return value

    def layer(self, cls: str, kwargs: dict, name: str | None = None) -> Any:
        kwargs = {k: self.resolve(v) for k, v in kwargs.items()}
        if name is not None:
            kwargs["name"] = name
        return getattr(self.L, cls)(**kwargs)

    def model(self, inputs: Any, outputs: Any, name: str, seed: int) -> Any:
        model = self.k.Model(inputs, outputs, name=name)
        randomize_weights(model, seed)
        return model

    def single(self, spec: tuple, seed: int) -> Case:
        name, cls, kwargs, shape = spec

        def build() -> Any:
            x = self.k.Input(shape=shape, name="x")
            layer = self.layer(cls, kwargs, name)
            if name in _SEQUENTIAL:
                model = self.k.Sequential([x, layer], name=name)
                randomize_weights(model, seed)
                return model
            return self.model(x, layer(x), name, seed)

        return Case(name, (cls,), build, _floats(*shape))

    def merge(self, spec: tuple) -> Case:
        name, cls, kwargs = spec

        def build() -> Any:
            a = self.k.Input(shape=(4,), name="a")
            b = self.k.Input(shape=(4,), name="b")
            merged = self.layer(cls, kwargs, name)([a, b])
            return self.model([a, b], merged, name, 0)

        def inputs(rng: np.random.Generator) -> Any:
            return [_floats(4)(rng), _floats(4)(rng)]

        return Case(name, (cls,), build, inputs)

    def attention(self, spec: tuple) -> Case:
        name, cls, kwargs, as_list = spec

        def build() -> Any:
            query = self.k.Input(shape=(4, 6), name="query")
            value = self.k.Input(shape=(5, 6), name="value")
            layer = self.layer(cls, kwargs, name)
            out = layer([query, value]) if as_list else layer(query, value)
            return self.model([query, value], out, name, 41)

        def inputs(rng: np.random.Generator) -> Any:
            return [_floats(4, 6)(rng), _floats(5, 6)(rng)]

        return Case(name, (cls,), build, inputs)

    def masked(self) -> list[Case]:
        """Layers whose mask or integer input matters downstream."""

        def embedding() -> Any:
            x = self.k.Input(shape=(5,), name="x", dtype="int32")
            y = self.L.Embedding(
                7, 3, embeddings_initializer=self.resolve(_Init(17)),
                mask_zero=True, name="embedding",
            )(x)
            y = self.L.GlobalAveragePooling1D(name="pool")(y)
            return self.model(x, y, "embedding", 17)

        def masking() -> Any:
            x = self.k.Input(shape=(4, 3), name="x")
            y = self.L.Masking(mask_value=0.0, name="masking")(x)
            y = self.L.GlobalAveragePooling1D(name="pool")(y)
            return self.model(x, y, "masking", 0)

        def reversible() -> Any:
            x = self.k.Input(shape=(5,), name="x", dtype="int32")
            layer = self.L.ReversibleEmbedding(
                7, 3, tie_weights=False, logit_soft_cap=5.0,
                name="reversible_embedding",
            )
            logits = layer(layer(x), reverse=True)
            return self.model(x, logits, "reversible_embedding", 18)

        def lambda_() -> Any:
            x = self.k.Input(shape=(3,), name="x")
            y = self.L.Lambda(lambda t: t * 2.0 + 1.0, name="lambda")(x)
            return self.model(x, y, "lambda", 0)

        return [
            Case("embedding", ("Embedding",), embedding, _ids(5, 7)),
            Case("masking", ("Masking",), masking, _masked_floats),
            Case(
                "reversible_embedding", ("ReversibleEmbedding",),
                reversible, _ids(5, 7),
            ),
            Case("lambda", ("Lambda",), lambda_, _floats(3), keras=False),
        ]

    # Named models.

    def mlp(self) -> Any:
        x = self.k.Input(shape=(6,), name="x")
        model = self.k.Sequential(
            [
                x,
                self.L.Dense(8, activation="relu", name="hidden_1"),
                self.L.Dense(
                    8, activation="tanh", use_bias=False, name="hidden_2"
                ),
                self.L.Dense(2, name="output"),
            ],
            name="mlp",
        )
        randomize_weights(model, 21)
        return model

    def cnn_bn(self) -> Any:
        L = self.L
        x = self.k.Input(shape=(6, 6, 2), name="image")
        y = L.Conv2D(4, 3, padding="same", name="conv_1")(x)
        y = L.BatchNormalization(name="bn_1")(y)
        y = L.ReLU(name="relu")(y)
        y = L.MaxPooling2D(2, name="pool")(y)
        y = L.Conv2D(4, 2, use_bias=False, name="conv_2")(y)
        y = L.BatchNormalization(center=False, name="bn_2")(y)
        y = L.GlobalAveragePooling2D(name="gap")(y)
        y = L.Dense(3, activation="softmax", name="probabilities")(y)
        return self.model(x, y, "cnn_bn", 22)

    def multi_io(self) -> Any:
        L = self.L
        a = self.k.Input(shape=(4,), name="a")
        b = self.k.Input(shape=(3, 2), name="b")
        ha = L.Dense(5, activation="relu", name="a_dense")(a)
        hb = L.Dense(5, name="b_dense")(L.Flatten(name="b_flat")(b))
        joined = L.Concatenate(name="joined")([ha, hb])
        first = L.Dense(3, name="first")(joined)
        summed = L.Add(name="summed")([ha, hb])
        second = L.Dense(2, activation="sigmoid", name="second")(summed)
        return self.model([a, b], [first, second], "multi_io", 23)

    def shared(self) -> Any:
        L = self.L
        a = self.k.Input(shape=(4,), name="a")
        b = self.k.Input(shape=(4,), name="b")
        shared = L.Dense(3, activation="tanh", name="shared")
        diff = L.Subtract(name="diff")([shared(a), shared(b)])
        out = L.Dense(1, name="score")(diff)
        return self.model([a, b], out, "shared_layer", 24)

    def nested(self) -> Any:
        L = self.L
        inner = self.k.Sequential(
            [
                self.k.Input(shape=(4,), name="inner_x"),
                L.Dense(5, activation="relu", name="inner_1"),
                L.Dense(3, name="inner_2"),
            ],
            name="inner",
        )
        x = self.k.Input(shape=(4,), name="x")
        y = L.Dense(4, name="pre")(x)
        y = L.Dense(2, name="post")(inner(y))
        return self.model(x, y, "nested", 25)

    def fit(self, optimizer: Any, loss: str, outputs: int) -> Callable:
        """A `train` function: compile and fit for three steps."""

        def train(model: Any, rng: np.random.Generator) -> None:
            model.compile(optimizer=optimizer(), loss=loss)
            shape = tuple(model.inputs[0].shape[1:])
            x = rng.normal(size=(12, *shape)).astype("float32")
            y = rng.uniform(size=(12, outputs)).astype("float32")
            model.fit(x, y, batch_size=4, epochs=1, verbose=0)

        return train

    def named(self) -> list[Case]:
        k = self.k
        return [
            Case(
                "mlp", ("Dense",), self.mlp, _floats(6),
                train=self.fit(
                    lambda: k.optimizers.Adam(learning_rate=0.01), "mse", 2
                ),
            ),
            Case(
                "cnn_bn", ("Conv2D", "BatchNormalization"), self.cnn_bn,
                _floats(6, 6, 2),
                train=self.fit(
                    lambda: k.optimizers.SGD(0.05, momentum=0.9),
                    "categorical_crossentropy", 3,
                ),
            ),
            Case(
                "multi_io", ("Dense", "Concatenate", "Add"), self.multi_io,
                lambda rng: [_floats(4)(rng), _floats(3, 2)(rng)],
            ),
            Case(
                "shared_layer", ("Dense", "Subtract"), self.shared,
                lambda rng: [_floats(4)(rng), _floats(4)(rng)],
            ),
            Case("nested", ("Dense",), self.nested, _floats(4)),
        ]

    # Recurrent models (used only where the module has the classes).

    def sequence(
        self, name: str, shape: tuple, layers: list, seed: int
    ) -> Any:
        x = self.k.Input(shape=shape, name="x")
        y = x
        for layer in layers:
            y = layer(y)
        return self.model(x, y, name, seed)

    def lstm(self) -> Any:
        L = self.L
        return self.sequence("lstm", (5, 3), [
            L.LSTM(4, return_sequences=True, name="lstm_1"),
            L.LSTM(3, go_backwards=True, unit_forget_bias=False,
                   name="lstm_2"),
            L.Dense(2, name="output"),
        ], 31)

    def gru(self) -> Any:
        L = self.L
        x = self.k.Input(shape=(6,), name="x", dtype="int32")
        y = L.Embedding(7, 3, mask_zero=True, name="embedding")(x)
        y = L.GRU(4, return_sequences=True, name="gru_1")(y)
        y = L.GRU(3, reset_after=False, name="gru_2")(y)
        return self.model(x, L.Dense(2, name="output")(y), "gru", 32)

    def simple_rnn(self) -> Any:
        return self.sequence("simple_rnn", (5, 3), [
            self.L.SimpleRNN(4, activation="relu", return_sequences=True,
                             name="simple_rnn"),
        ], 33)

    def rnn_stacked_cells(self) -> Any:
        L = self.L
        cells = L.StackedRNNCells(
            [L.SimpleRNNCell(3), L.LSTMCell(3), L.GRUCell(2)]
        )
        return self.sequence("rnn_stacked_cells", (5, 3), [
            L.RNN(cells, name="rnn"),
        ], 34)

    def bidirectional(self) -> Any:
        L = self.L
        return self.sequence("bidirectional", (5, 3), [
            L.Bidirectional(L.LSTM(3, return_sequences=True),
                            merge_mode="concat", name="bidirectional"),
        ], 35)

    def time_distributed(self) -> Any:
        L = self.L
        return self.sequence("time_distributed", (4, 5), [
            L.TimeDistributed(L.Dense(3), name="time_distributed"),
        ], 36)

    def conv_lstm1d(self) -> Any:
        return self.sequence("conv_lstm1d", (3, 5, 2), [
            self.L.ConvLSTM1D(2, 2, padding="same", name="conv_lstm"),
        ], 37)

    def conv_lstm2d(self) -> Any:
        return self.sequence("conv_lstm2d", (3, 4, 4, 2), [
            self.L.ConvLSTM2D(2, 2, name="conv_lstm"),
        ], 38)

    def conv_lstm3d(self) -> Any:
        return self.sequence("conv_lstm3d", (2, 3, 3, 3, 1), [
            self.L.ConvLSTM3D(2, 2, padding="same", name="conv_lstm"),
        ], 39)

    def recurrent(self) -> list[Case]:
        found = []
        for name, classes, shape in _RECURRENT:
            if all(hasattr(self.L, cls) for cls in classes):
                inputs = _ids(6, 7) if shape is None else _floats(*shape)
                build = getattr(self, name)
                found.append(Case(name, classes, build, inputs))
        return found

    # Preprocessing layers (used only where the module has them).

    def plain(
        self, name: str, layer: Any, shape: tuple, dtype: str = "float32",
        seed: int | None = None,
    ) -> Any:
        """A Functional model around one built layer; its float weights
        are randomized only when `seed` is given (adapted state is not)."""
        x = self.k.Input(shape=shape, name="x", dtype=dtype)
        model = self.k.Model(x, layer(x), name=name)
        if seed is not None:
            randomize_weights(model, seed)
        return model

    def image(self, spec: tuple, seed: int) -> Case:
        name, cls, kwargs = spec

        def build() -> Any:
            layer = self.layer(cls, kwargs, name)
            if name in _IN_PIPELINE:
                layer = self.L.Pipeline([layer], name=f"{name}_pipeline")
            return self.plain(name, layer, (8, 8, 3), seed=seed)

        # float32 image kernels on values up to 255.
        return Case(name, (cls,), build, _images(8, 8, 3), atol=1e-4)

    def normalization(self) -> Any:
        layer = self.L.Normalization(axis=-1, name="normalization")
        layer.adapt(_ADAPT_FLOATS)
        return self.plain("normalization", layer, (4,))

    def discretization(self) -> Any:
        layer = self.L.Discretization(
            num_bins=4, epsilon=0.01, name="discretization"
        )
        layer.adapt(_ADAPT_FLOATS)
        return self.plain("discretization", layer, (4,))

    def category_encoding(self) -> Any:
        layer = self.L.CategoryEncoding(
            num_tokens=6, output_mode="count", name="category_encoding"
        )
        return self.plain("category_encoding", layer, (4,), "int32")

    def hashing(self) -> Any:
        layer = self.L.Hashing(num_bins=5, salt=7, name="hashing")
        return self.plain("hashing", layer, (4,), "int32")

    def hashing_strings(self) -> Any:
        layer = self.L.Hashing(
            num_bins=8, mask_value="", output_mode="multi_hot",
            name="hashing",
        )
        return self.plain("hashing_strings", layer, (4,), "string")

    def hashed_crossing(self) -> Any:
        a = self.k.Input(shape=(), name="a", dtype="int32")
        b = self.k.Input(shape=(), name="b", dtype="int32")
        layer = self.L.HashedCrossing(
            num_bins=7, output_mode="one_hot", name="hashed_crossing"
        )
        return self.k.Model([a, b], layer((a, b)), name="hashed_crossing")

    def string_lookup(self) -> Any:
        layer = self.L.StringLookup(
            num_oov_indices=2, mask_token="", name="string_lookup"
        )
        layer.adapt(_ADAPT_WORDS)
        return self.plain("string_lookup", layer, (4,), "string")

    def integer_lookup(self) -> Any:
        layer = self.L.IntegerLookup(
            max_tokens=6, output_mode="count", name="integer_lookup"
        )
        layer.adapt(np.array([[1, 2, 2, 3], [3, 3, 4, 7], [3, 9, 9, 2]]))
        return self.plain("integer_lookup", layer, (4,), "int32")

    def text_vectorization(self) -> Any:
        layer = self.L.TextVectorization(
            max_tokens=12, output_sequence_length=5,
            name="text_vectorization",
        )
        layer.adapt(_ADAPT_TEXT)
        return self.plain("text_vectorization", layer, (), "string")

    def text_vectorization_tf_idf(self) -> Any:
        layer = self.L.TextVectorization(
            max_tokens=10, output_mode="tf_idf", ngrams=2,
            name="text_vectorization",
        )
        layer.adapt(_ADAPT_TEXT)
        return self.plain(
            "text_vectorization_tf_idf", layer, (), "string"
        )

    def mel_spectrogram(self) -> Any:
        layer = self.L.MelSpectrogram(
            fft_length=64, sequence_stride=16, sequence_length=48,
            window="hamming", sampling_rate=8000, num_mel_bins=8,
            min_freq=30.0, max_freq=3000.0, top_db=60.0,
            name="mel_spectrogram",
        )
        return self.plain("mel_spectrogram", layer, (256,))

    def stft_spectrogram(self) -> Any:
        layer = self.L.STFTSpectrogram(
            mode="log", frame_length=32, frame_step=8, fft_length=32,
            periodic=True, scaling="spectrum", padding="same",
            name="stft_spectrogram",
        )
        return self.plain("stft_spectrogram", layer, (128, 1))

    def pipeline(self) -> Any:
        L = self.L
        layer = L.Pipeline(
            [
                L.RandomFlip(seed=1, name="flip"),
                L.Rescaling(0.5, offset=1.0, name="rescale"),
                L.CenterCrop(6, 6, name="crop"),
            ],
            name="pipeline",
        )
        return self.plain("pipeline", layer, (8, 8, 3))

    def preprocessing(self) -> list[Case]:
        L = self.L
        if not hasattr(L, "TextVectorization"):
            return []
        found = [
            self.image(spec, 60 + i) for i, spec in enumerate(_IMAGE)
        ]
        tf = "tensorflow"
        found += [
            Case("normalization", ("Normalization",), self.normalization,
                 _floats(4)),
            Case("discretization", ("Discretization",),
                 self.discretization, _floats(4)),
            Case("category_encoding", ("CategoryEncoding",),
                 self.category_encoding, _integers(0, 6, 4)),
            Case("hashing", ("Hashing",), self.hashing,
                 _integers(0, 100, 4)),
            Case("hashing_strings", ("Hashing",), self.hashing_strings,
                 _strings(4), keras_backend=tf),
            Case("hashed_crossing", ("HashedCrossing",),
                 self.hashed_crossing,
                 lambda rng: [_integers(0, 9)(rng), _integers(0, 9)(rng)]),
            Case("string_lookup", ("StringLookup",), self.string_lookup,
                 _strings(4), keras_backend=tf),
            Case("integer_lookup", ("IntegerLookup",), self.integer_lookup,
                 _integers(0, 10, 4)),
            Case("text_vectorization", ("TextVectorization",),
                 self.text_vectorization, _sentences, keras_backend=tf),
            Case("text_vectorization_tf_idf", ("TextVectorization",),
                 self.text_vectorization_tf_idf, _sentences,
                 keras_backend=tf),
            Case("mel_spectrogram", ("MelSpectrogram",),
                 self.mel_spectrogram, _floats(256), atol=1e-4),
            Case("stft_spectrogram", ("STFTSpectrogram",),
                 self.stft_spectrogram, _floats(128, 1), atol=1e-4),
            Case("pipeline", ("Pipeline", "RandomFlip", "Rescaling",
                              "CenterCrop"), self.pipeline,
                 _images(8, 8, 3)),
        ]
        return found


def cases(keras_module: Any) -> list[Case]:
    """All catalogue cases, built with `keras_module` (Keras 3 or cornu).

    Args:
        keras_module: The imported `keras` or `cornu` module.

    Returns:
        A list of `Case`s with unique names: one model per built-in layer
        class, the named models (`mlp`, `cnn_bn`, `multi_io`,
        `shared_layer`, `nested`), and the attention and recurrent models
        whose layers the module has.
    """
    builder = _Builder(keras_module)
    found = [
        builder.single(spec, seed) for seed, spec in enumerate(_SINGLE)
    ]
    found += [builder.merge(spec) for spec in _MERGE]
    found += [
        builder.attention(spec)
        for spec in _ATTENTION
        if hasattr(keras_module.layers, spec[1])
    ]
    found += builder.masked()
    found += builder.named()
    found += builder.recurrent()
    found += builder.preprocessing()
    return found
