"""Backend op families written once against an array namespace `xp`.

Each module has a `make(xp, ...)` factory; a backend calls it with its
array namespace (`numpy`, `jax.numpy`, or its own numpy-API ops module, as
torch, tensorflow and openvino do for the image families), its own
`convert_to_tensor` and promotion helpers, and hooks for what only it can
do (a gather, a scatter-add, a linear solve), and binds the returned
functions to their public names. Nothing here imports a backend
framework.
"""
