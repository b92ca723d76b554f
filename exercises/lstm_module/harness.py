"""Runs inside the sandbox, next to the solution: builds the learner's module and
returns plain arrays. The trusted suite compares them with torch.nn.LSTMCell."""

import numpy as np
import torch
from torch import nn

PARAMETERS = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


def _refuse(*args, **kwargs):
    raise RuntimeError(
        "built-in LSTM kernels are not allowed in this exercise: write the gates yourself"
    )


# Applied before the learner's module is built or run: a solution that calls
# the built-in kernels fails instead of passing for the wrong reason.
for _owner, _name in (
    (torch, "lstm_cell"),
    (torch, "lstm"),
    (torch._VF, "lstm_cell"),
    (torch._VF, "lstm"),
):
    try:
        setattr(_owner, _name, _refuse)
    except (AttributeError, TypeError):
        pass


def _build(input_size, hidden_size):
    module = solution.LSTMCellModule(int(input_size), int(hidden_size))  # noqa: F821 - given by the grader
    builtin = [
        type(m).__name__ for m in module.modules() if isinstance(m, nn.RNNBase | nn.RNNCellBase)
    ]
    if builtin:
        raise RuntimeError(
            f"your module contains a built-in {builtin[0]}: write the gates yourself"
        )
    return module.double()


def parameter_shapes(input_size, hidden_size):
    """{name: shape} of the module's parameters, as in state_dict()."""
    module = _build(input_size, hidden_size)
    return {
        name: np.array(value.shape, dtype=np.int64) for name, value in module.state_dict().items()
    }


def initial_values(input_size, hidden_size, seed):
    torch.manual_seed(int(seed))
    module = _build(input_size, hidden_size)
    return {name: value.detach().numpy().copy() for name, value in module.state_dict().items()}


def forward_and_grads(params, x, h, c, dh, dc, with_state):
    """Loads `params` (strict), runs forward (and backward of sum(h*dh) + sum(c*dc))."""
    module = _build(x.shape[1], h.shape[1])
    module.load_state_dict({k: torch.from_numpy(v) for k, v in params.items()}, strict=True)
    x_t = torch.from_numpy(x).requires_grad_(True)
    h_t = torch.from_numpy(h).requires_grad_(True)
    c_t = torch.from_numpy(c).requires_grad_(True)
    out = module(x_t, (h_t, c_t) if with_state else None)
    if not isinstance(out, tuple | list) or len(out) != 2:
        return {"error": np.array(1.0)}
    h_new, c_new = out
    loss = (h_new * torch.from_numpy(dh)).sum() + (c_new * torch.from_numpy(dc)).sum()
    if loss.requires_grad:
        loss.backward()
    leaves = {f"d{name}": p for name, p in module.named_parameters()}
    leaves["dx"] = x_t
    if with_state:
        leaves["dh_prev"], leaves["dc_prev"] = h_t, c_t
    grads = {
        name: leaf.grad.detach().numpy().copy()
        for name, leaf in leaves.items()
        if leaf.grad is not None
    }
    missing = [name[1:] for name, leaf in leaves.items() if leaf.grad is None]
    return {
        "h": h_new.detach().numpy().copy(),
        "c": c_new.detach().numpy().copy(),
        "grads": grads,
        "no_gradient": missing,
    }


def state_dict_into_builtin(params):
    """The learner's module loads nn.LSTMCell's state dict, and gives it back unchanged."""
    D, H = params["weight_ih"].shape[1], params["weight_hh"].shape[1]
    module = _build(D, H)
    module.load_state_dict({k: torch.from_numpy(v) for k, v in params.items()}, strict=True)
    return {name: value.detach().numpy().copy() for name, value in module.state_dict().items()}
