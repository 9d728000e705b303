import numpy as np

import cornu
from cornu.src.backend.common import deferred_init


def test_deferred_variables_start_as_zeros_until_assigned_or_initialized():
    with deferred_init.deferred() as pending:
        kept = cornu.Variable(cornu.initializers.Ones(), shape=(2, 3))
        loaded = cornu.Variable(cornu.initializers.Ones(), shape=(4,))
        concrete = cornu.Variable(np.full(3, 7.0, "float32"))
    assert deferred_init.pending_variables() is None
    assert pending == [kept, loaded]  # concrete values are never deferred
    np.testing.assert_array_equal(kept.numpy(), np.zeros((2, 3)))
    loaded.assign(np.full(4, 2.0, "float32"))
    assert deferred_init.initialize_unassigned(pending) == 1
    np.testing.assert_array_equal(kept.numpy(), np.ones((2, 3)))
    np.testing.assert_array_equal(loaded.numpy(), np.full(4, 2.0))
    np.testing.assert_array_equal(concrete.numpy(), np.full(3, 7.0))


def test_scopes_nest_and_restore():
    with deferred_init.deferred() as outer:
        with deferred_init.deferred() as inner:
            cornu.Variable(cornu.initializers.Ones(), shape=(1,))
        cornu.Variable(cornu.initializers.Ones(), shape=(1,))
    assert len(inner) == 1 and len(outer) == 1
    assert deferred_init.pending_variables() is None
