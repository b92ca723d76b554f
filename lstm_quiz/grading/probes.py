"""Seeded inputs for the hidden suites of recurrent exercises.

The probes that make classic mistakes visible (exercise-contracts.md): a
non-zero previous state (a zero state hides forget-gate bugs), distinct
random biases, D != H and D == H (square blocks hide transpose bugs), N = 1,
H = 1, and an overflow probe whose pre-activations pass |z| > 710, kept small
so a correct float32 solution loses nothing to cancellation.
"""

from __future__ import annotations

import numpy as np

# (N, D, H): N = 1 catches squeezed outputs, D != H and D == H catch transpose
# bugs (D == H is where a missing .T still runs), H = 1 a broadcasting slip.
SIZES: list[tuple[int, int, int]] = [(1, 3, 4), (2, 3, 4), (3, 5, 5), (4, 6, 1), (5, 7, 3)]


def size_id(size: tuple[int, int, int]) -> str:
    return "N={},D={},H={}".format(*size)


def cell_params(rng: np.random.Generator, D: int, H: int, gates: int) -> tuple[np.ndarray, ...]:
    """W_ih (gates*H, D), W_hh (gates*H, H), b_ih, b_hh (gates*H,), PyTorch layout."""
    return (
        rng.normal(size=(gates * H, D)) / np.sqrt(D),
        rng.normal(size=(gates * H, H)) / np.sqrt(H),
        0.7 * rng.normal(size=gates * H),
        0.7 * rng.normal(size=gates * H),
    )


def step_inputs(
    seed: int,
    N: int,
    D: int,
    H: int,
    *,
    gates: int,
    cell_state: bool,
    zero_state: bool = False,
    scale: float = 1.0,
    zero_input: bool = False,
) -> tuple[np.ndarray, ...]:
    """(x, h_prev[, c_prev], W_ih, W_hh, b_ih, b_hh) for one step, float64.

    ``scale`` multiplies x and the state; ``zero_input`` makes x all zero.
    """
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(N, D))
    h_prev = np.zeros((N, H)) if zero_state else 0.8 * rng.normal(size=(N, H))
    state = [h_prev]
    if cell_state:
        state.append(np.zeros((N, H)) if zero_state else 1.5 * rng.normal(size=(N, H)))
    x = np.zeros_like(x) if zero_input else x
    return (scale * x, *(scale * s for s in state), *cell_params(rng, D, H, gates))


def sequence_inputs(
    seed: int,
    T: int,
    N: int,
    D: int,
    H: int,
    *,
    zero_state: bool = False,
    scale: float = 1.0,
    zero_input: bool = False,
) -> tuple[np.ndarray, ...]:
    """(x (T, N, D), h0, c0, W_ih, W_hh, b_ih, b_hh) for an LSTM over a sequence, float64."""
    rng = np.random.default_rng(seed)
    x = np.zeros((T, N, D)) if zero_input else rng.normal(size=(T, N, D))
    if zero_input:
        rng.normal(size=(T, N, D))  # the same draws after it, zero or not
    h0 = np.zeros((N, H)) if zero_state else 0.8 * rng.normal(size=(N, H))
    c0 = np.zeros((N, H)) if zero_state else 1.5 * rng.normal(size=(N, H))
    return (scale * x, scale * h0, scale * c0, *cell_params(rng, D, H, 4))


def sequence_size_id(size: tuple[int, int, int, int]) -> str:
    return "T={},N={},D={},H={}".format(*size)


def sequence_sizes_of(inputs: tuple[np.ndarray, ...]) -> str:
    """ "T=.., N=.., D=.., H=.." of (x (T, N, D), h0 (N, H), ...)."""
    x, h0 = inputs[0], inputs[1]
    T, N, D = x.shape
    return f"T={T}, N={N}, D={D}, H={h0.shape[-1]}"


def overflow_step_inputs(*, gates: int, cell_state: bool) -> tuple[np.ndarray, ...]:
    """Pre-activations beyond |z| = 710 in row 0 (every gate saturates), moderate in row 1."""
    rng = np.random.default_rng(710)
    N, D, H = 2, 3, 2
    x = np.array([[800.0, 0.3, -0.2], [0.4, -0.5, 0.25]])
    W_ih = rng.normal(scale=0.1, size=(gates * H, D))
    W_ih[:, 0] = rng.choice([-1.5, -1.0, 1.0, 1.5], size=gates * H)  # |z| >= 790 in row 0
    W_hh = rng.normal(scale=0.1, size=(gates * H, H))
    state = [rng.normal(scale=0.5, size=(N, H))]
    if cell_state:
        state.append(rng.normal(size=(N, H)))
    b_ih = rng.normal(scale=0.1, size=gates * H)
    b_hh = rng.normal(scale=0.1, size=gates * H)
    return (x, *state, W_ih, W_hh, b_ih, b_hh)


def sizes_of(inputs: tuple[np.ndarray, ...]) -> str:
    x, h_prev = inputs[0], inputs[1]
    return f"N={x.shape[-2]}, D={x.shape[-1]}, H={h_prev.shape[-1]}"
