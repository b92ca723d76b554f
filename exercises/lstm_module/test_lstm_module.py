"""Hidden suite for lstm_module: the learner's module against torch.nn.LSTMCell.

The learner's module runs in the sandbox (through harness.py); nn.LSTMCell
runs here, in the trusted process, so the comparison cannot be tampered with.
"""

import numpy as np
import pytest
import torch

from lstm_quiz.grading.expect import GradingFailure, expect_array
from lstm_quiz.grading.messages import Join, as_text, text, verbatim
from lstm_quiz.grading.probes import size_id

SIZES = [(1, 3, 4), (2, 3, 4), (3, 5, 5), (4, 6, 1)]
NAMES = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


def builtin_cell(D, H, params=None, seed=0):
    torch.manual_seed(seed)
    cell = torch.nn.LSTMCell(D, H).double()
    if params is not None:
        cell.load_state_dict({k: torch.from_numpy(v) for k, v in params.items()})
    return cell


def random_case(seed, N, D, H):
    rng = np.random.default_rng(seed)
    params = {
        "weight_ih": rng.normal(size=(4 * H, D)) / np.sqrt(D),
        "weight_hh": rng.normal(size=(4 * H, H)) / np.sqrt(H),
        "bias_ih": 0.7 * rng.normal(size=4 * H),
        "bias_hh": 0.7 * rng.normal(size=4 * H),
    }
    x, h, c = rng.normal(size=(N, D)), 0.8 * rng.normal(size=(N, H)), 1.5 * rng.normal(size=(N, H))
    dh, dc = rng.normal(size=(N, H)), rng.normal(size=(N, H))
    return params, x, h, c, dh, dc


def builtin_forward_and_grads(params, x, h, c, dh, dc, with_state):
    cell = builtin_cell(x.shape[1], h.shape[1], params)
    x_t = torch.from_numpy(x).requires_grad_(True)
    h_t = torch.from_numpy(h).requires_grad_(True)
    c_t = torch.from_numpy(c).requires_grad_(True)
    h_new, c_new = cell(x_t, (h_t, c_t) if with_state else None)
    ((h_new * torch.from_numpy(dh)).sum() + (c_new * torch.from_numpy(dc)).sum()).backward()
    grads = {f"d{name}": p.grad.numpy() for name, p in cell.named_parameters()}
    grads["dx"] = x_t.grad.numpy()
    if with_state:
        grads["dh_prev"], grads["dc_prev"] = h_t.grad.numpy(), c_t.grad.numpy()
    return {"h": h_new.detach().numpy(), "c": c_new.detach().numpy(), "grads": grads}


def check_outputs(got, want, context):
    if not isinstance(got, dict) or "h" not in got:
        raise GradingFailure(
            text(
                "forward should return a tuple (h, c) of two tensors ({context})",
                context=as_text(context),
            )
        )
    expect_array(got["h"], want["h"], "h", context=context)
    expect_array(got["c"], want["c"], "c", context=context)


def test_parameters_named_like_lstmcell(solution):
    """Parameters are weight_ih (4H, D), weight_hh (4H, H), bias_ih (4H,), bias_hh (4H,)."""
    D, H = 3, 5
    got = {
        name: tuple(int(n) for n in shape)
        for name, shape in solution.harness.parameter_shapes(D, H).items()
    }
    want = {name: tuple(p.shape) for name, p in builtin_cell(D, H).state_dict().items()}
    if got != want:
        missing = sorted(set(want) - set(got))
        extra = sorted(set(got) - set(want))
        wrong = sorted(n for n in set(got) & set(want) if got[n] != want[n])
        parts = [text("missing {names}", names=missing)] if missing else []
        parts += [text("unexpected {names}", names=extra)] if extra else []
        parts += [
            text("{name} has shape {got}, expected {want}", name=n, got=got[n], want=want[n])
            for n in wrong
        ]
        raise GradingFailure(
            text(
                "the state_dict does not match nn.LSTMCell(D={D}, H={H}): {problems}. Register "
                "nn.Parameter attributes named weight_ih, weight_hh, bias_ih, bias_hh.",
                D=D,
                H=H,
                problems=Join(tuple(parts), sep=("; ", "；")),
            )
        )


def test_state_dict_round_trip(solution):
    """Its state_dict loads into nn.LSTMCell (strict), and nn.LSTMCell's loads into it."""
    D, H = 4, 3
    mine = solution.harness.initial_values(D, H, 1)
    try:
        builtin_cell(D, H).load_state_dict(
            {k: torch.from_numpy(v) for k, v in mine.items()}, strict=True
        )
    except RuntimeError as error:
        raise GradingFailure(
            text(
                "your state_dict does not load into nn.LSTMCell: {error}",
                error=str(error).splitlines()[0],
            )
        ) from None
    theirs = {k: v.detach().numpy() for k, v in builtin_cell(D, H, seed=3).state_dict().items()}
    back = solution.harness.state_dict_into_builtin(theirs)
    for name in NAMES:
        expect_array(
            back[name],
            theirs[name],
            name,
            context="nn.LSTMCell's state_dict loaded into your module",
        )


def test_initialisation_like_pytorch(solution):
    """Every parameter starts uniform in (-1/sqrt(H), 1/sqrt(H))."""
    D, H = 6, 16
    bound = 1 / np.sqrt(H)
    values = solution.harness.initial_values(D, H, 7)
    for name in NAMES:
        v = values.get(name)
        if v is None:
            raise GradingFailure(text("no parameter named {name}", name=name))
        low, high = float(np.min(v)), float(np.max(v))
        if low < -bound - 1e-9 or high > bound + 1e-9 or high - low < bound:
            raise GradingFailure(
                text(
                    "{name} starts in [{low:.3g}, {high:.3g}]; nn.LSTMCell draws every parameter "
                    "uniformly from (-1/sqrt(H), 1/sqrt(H)) = ({lower:.3g}, {bound:.3g}) (H={H})",
                    name=name,
                    low=low,
                    high=high,
                    lower=-bound,
                    bound=bound,
                    H=H,
                )
            )


@pytest.mark.parametrize("size", SIZES, ids=[size_id(s) for s in SIZES])
def test_forward_matches_lstmcell(solution, size):
    """h and c equal nn.LSTMCell's with the same weights and state."""
    params, x, h, c, dh, dc = random_case(sum(size) * 5, *size)
    got = solution.harness.forward_and_grads(params, x, h, c, dh, dc, True)
    want = builtin_forward_and_grads(params, x, h, c, dh, dc, True)
    check_outputs(got, want, verbatim("N={}, D={}, H={}".format(*size)))


def test_state_none_means_zeros(solution):
    """forward(x) without a state starts from zero h and c."""
    params, x, h, c, dh, dc = random_case(21, 3, 4, 5)
    got = solution.harness.forward_and_grads(params, x, h, c, dh, dc, False)
    want = builtin_forward_and_grads(params, x, h, c, dh, dc, False)
    check_outputs(got, want, "N=3, D=4, H=5, state=None")


@pytest.mark.parametrize("size", SIZES[1:3], ids=[size_id(s) for s in SIZES[1:3]])
def test_gradients_match_autograd(solution, size):
    """Gradients of sum(h*dh) + sum(c*dc) equal nn.LSTMCell's, for inputs, state and parameters."""
    params, x, h, c, dh, dc = random_case(sum(size) * 13, *size)
    got = solution.harness.forward_and_grads(params, x, h, c, dh, dc, True)
    want = builtin_forward_and_grads(params, x, h, c, dh, dc, True)
    context = verbatim("N={}, D={}, H={}".format(*size))
    check_outputs(got, want, context)
    if got.get("no_gradient"):
        names = ", ".join(got["no_gradient"])
        raise GradingFailure(
            text(
                "no gradient reached {names}: the computation is cut off from autograd "
                "(a .detach(), .numpy(), .item() or a new tensor built from values?)",
                names=names,
            )
        )
    for name, value in want["grads"].items():
        expect_array(got["grads"].get(name), value, name, context=context)
