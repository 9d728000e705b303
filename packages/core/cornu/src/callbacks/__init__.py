"""`cornu.callbacks`: objects that hook into `fit`, `evaluate` and `predict`.

One callback per module; `callback.py` defines the hooks and
`callback_list.py` is the only place that dispatches them. The public
namespace `cornu.callbacks` is generated from the exports of these modules.
"""
