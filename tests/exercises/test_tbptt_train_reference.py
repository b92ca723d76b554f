"""The reference of tbptt_train is truncated BPTT, and the suite's diagnoses tell its mistakes apart.

Proven against an independent implementation without optimizer or
zero_grad: torch.func.functional_call on the parameters as plain tensors,
torch.autograd.grad per chunk and the SGD update written out, the state
detached between chunks. And on the suite's delay task: the reference learns
the targets at the chunks' first steps, a state reset at every chunk does not —
the property the suite's learning test relies on. (A state cut at every step
still learns them partly, so the step-by-step comparison is what catches it.)
"""

from __future__ import annotations

import functools

import numpy as np
import pytest
import torch
from torch.func import functional_call

from lstm_quiz.grading.plugin import load_module
from lstm_quiz.paths import shipped_exercises_dir

FOLDER = shipped_exercises_dir() / "tbptt_train"
reference = load_module(FOLDER / "reference.py")
signatures = load_module(FOLDER / "signatures.py")
harness = load_module(FOLDER / "harness.py")
suite = load_module(FOLDER / "test_tbptt_train.py")


def functional_tbptt(params, x, y, k, lr):
    """Parameters after every chunk, and the chunk losses, with autograd.grad and SGD by hand."""
    D, H, outputs = x.shape[2], params["lstm.weight_hh_l0"].shape[1], y.shape[2]
    net = harness.Net(D, H, outputs).double()
    current = {name: torch.from_numpy(v.copy()).requires_grad_(True) for name, v in params.items()}
    x_t, y_t = torch.from_numpy(x), torch.from_numpy(y)
    state, snapshots, losses = None, [], []
    for start in range(0, x.shape[1], k):
        out, state = functional_call(net, current, (x_t[:, start : start + k], state))
        loss = ((out - y_t[:, start : start + k]) ** 2).mean()
        grads = torch.autograd.grad(loss, list(current.values()))
        with torch.no_grad():
            current = {
                name: (p - lr * g).requires_grad_(True)
                for (name, p), g in zip(current.items(), grads, strict=True)
            }
        state = (state[0].detach(), state[1].detach())
        snapshots.append(torch.cat([p.detach().reshape(-1) for p in current.values()]).numpy())
        losses.append(loss.item())
    return np.array(snapshots), np.array(losses)


CASES = [(23, 5), (20, 5), (6, 1), (4, 6), (1, 3), (17, 4), (9, 9)]


@pytest.mark.parametrize(("T", "k"), CASES)
def test_reference_equals_functional_truncated_bptt(T: int, k: int) -> None:
    params, x, y, k, lr = suite.probe_inputs(harness, T, k)
    got = harness.rig(reference.tbptt_train, params, x, y, k, lr)
    snapshots, losses = functional_tbptt(params, x, y, k, lr)
    assert got["error"] == ""
    assert len(got["snapshots"]) == len(snapshots) == -(-T // k)
    np.testing.assert_allclose(got["snapshots"], snapshots, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(got["losses"], losses, rtol=1e-12, atol=1e-12)
    lengths = [int(n) for n in got["calls"][:, 0]]
    assert lengths == signatures.chunk_lengths(T, k) and sum(lengths) == T
    assert got["calls"][0, 1] == 1 and not got["calls"][1:, 1:].any()  # carried, detached


def test_one_chunk_is_full_bptt() -> None:
    """With k >= T the single step uses the gradient of the whole sequence's loss."""
    params, x, y, _, lr = suite.probe_inputs(harness, 7, 7)
    net = harness.Net(2, 3, 2).double()
    net.load_state_dict({n: torch.from_numpy(v) for n, v in params.items()})
    out, _ = net(torch.from_numpy(x))
    ((out - torch.from_numpy(y)) ** 2).mean().backward()
    expected = torch.cat([(p - lr * p.grad).detach().reshape(-1) for p in net.parameters()])
    got = harness.rig(reference.tbptt_train, params, x, y, 100, lr)
    np.testing.assert_allclose(got["snapshots"][0], expected.numpy(), rtol=1e-12)


def delay_run(train_fn):
    params, x, y, k, lr = suite.delay_inputs(harness)
    got = harness.rig(train_fn, params, x, y, k, lr, "adam", suite.DELAY["epochs"])
    return float(got["errors"][k::k].mean())


def test_delay_task_needs_the_carried_state() -> None:
    assert delay_run(reference.tbptt_train) < 0.1  # 0.007
    assert delay_run(functools.partial(signatures.variant, reset=True)) > 2 * suite.DELAY_THRESHOLD
    # cut at every step: one-step gradients still learn the delay partly (about 0.19), far worse
    assert delay_run(functools.partial(signatures.variant, detach="every_step")) > 0.1


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"detach": "none"}, "freed"),
        ({"detach": "h_only"}, "freed"),
        ({"detach": "none_retain"}, "inplace"),
    ],
)
def test_graph_mistakes_raise_the_autograd_errors_the_suite_explains(options, error) -> None:
    params, x, y, k, lr = suite.probe_inputs(harness, 23, 5)
    got = harness.rig(functools.partial(signatures.variant, **options), params, x, y, k, lr)
    assert got["error"] == error


def probe_runs():
    for T, k in suite.PROBES.values():
        inputs = suite.probe_inputs(harness, T, k)
        params, x, y, k, lr = inputs

        def run(options, params=params, x=x, y=y, k=k, lr=lr):
            return harness.rig(
                functools.partial(signatures.variant, **options), params, x, y, k, lr
            )

        yield T, k, harness.rig(reference.tbptt_train, params, x, y, k, lr), run


def test_every_signature_is_named_alone_on_some_probe() -> None:
    named = {description: False for description, _ in signatures.SIGNATURES}
    for T, k, want, run in probe_runs():
        assert signatures.diagnose(want, want, run, T, k) == ""  # a correct run gets no diagnosis
        for description, options in signatures.SIGNATURES:
            found = signatures.matching_mistakes(run(options), want, run)
            if found == [description]:
                named[description] = True
    assert [d for d, ok in named.items() if not ok] == []


def test_call_notes_name_a_reset_and_wrong_chunks() -> None:
    calls = np.array([[5, 1, 0, 0], [5, 1, 0, 0], [3, 1, 0, 0]])
    assert "not carried over" in str(signatures.call_notes(calls, 13, 5))
    assert "chunks of [5, 5] steps" in str(signatures.call_notes(calls[:2], 13, 5))
