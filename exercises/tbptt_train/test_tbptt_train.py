"""Hidden suite for tbptt_train: the learner's training loop against the reference, step by step.

The learner's function trains a small LSTM inside the sandbox (harness.train);
the reference trains the same model on the same data here (harness.rig). Both
record the parameters after every optimizer step, the losses returned, and
what the model was called with. Plain SGD, so that every gradient shows in
the parameters: a missing zero_grad (gradients accumulating) changes the
second step, a reset or wrongly detached state every step after the first
chunk, wrongly cut chunks the number of steps. One task proves the state
matters: a target at a chunk's first step that is the previous chunk's last
input is learnt only when the state is carried across the boundary.
"""

import functools

import numpy as np
import pytest
import torch

from lstm_quiz.grading.expect import GradingFailure, expect_array
from lstm_quiz.grading.messages import as_text, text, verbatim

D, H, OUT, LR = 2, 3, 2, 0.1
# (T, k): a last chunk of 3 steps; T divisible by k; k = 1; k > T (one chunk); T = 1
PROBES = {"T=23, k=5": (23, 5), "T=20, k=5": (20, 5), "T=6, k=1": (6, 1), "T=4, k=6": (4, 6)}
PROBES["T=1, k=3"] = (1, 3)
# the delay task: y[t] = x[t - 1], chunks of 4; learnt only with the state carried over
DELAY = {"T": 120, "k": 4, "H": 16, "lr": 0.02, "epochs": 15}
DELAY_THRESHOLD = 0.3


def initial_params(seed, inputs, hidden, outputs, harness):
    torch.manual_seed(seed)
    net = harness.Net(inputs, hidden, outputs).double()
    return {name: value.detach().numpy().copy() for name, value in net.state_dict().items()}


def probe_inputs(harness, T, k):
    rng = np.random.default_rng(T * 10 + k)
    x, y = rng.normal(size=(1, T, D)), rng.normal(size=(1, T, OUT))
    return initial_params(T + k, D, H, OUT, harness), x, y, k, LR


def delay_inputs(harness):
    rng = np.random.default_rng(2024)
    x = rng.normal(size=(1, DELAY["T"], 1))
    y = np.zeros_like(x)
    y[:, 1:] = x[:, :-1]  # the target is the previous step's input
    params = initial_params(0, 1, DELAY["H"], 1, harness)
    return params, x, y, DELAY["k"], DELAY["lr"]


@pytest.fixture(scope="module")
def harness(exercise_module):
    return exercise_module("harness")


@pytest.fixture(scope="module")
def signatures(exercise_module):
    return exercise_module("signatures")


def plain_error(got, T, k):
    if got["error"] == "freed":
        return text(
            "the second chunk's loss.backward() failed with PyTorch's \"Trying to backward through "
            'the graph a second time": the state passed into it still belonged to the first '
            "chunk's graph, which the first backward had already freed. Detach the state between "
            "chunks: state = tuple(s.detach() for s in state)"
        )
    return text(
        "a loss.backward() failed with PyTorch's \"one of the variables needed for gradient "
        'computation has been modified by an inplace operation": backward ran back into an '
        "earlier chunk's graph (the state was not detached, the graph kept growing) and found "
        "weights that optimizer.step() had changed since. Detach the state between chunks "
        "instead of retaining the graph"
    )


def in_context(message, context):
    """``message (context)``; the context is values or one of the suite's texts."""
    return text("{message} ({context})", message=message, context=as_text(context))


def check_run(solution, harness, reference, signatures, inputs, context):
    params, x, y, k, lr = inputs
    T = x.shape[1]
    got = solution.harness.train(params, x, y, k, lr)
    want = harness.rig(reference.tbptt_train, params, x, y, k, lr)
    cache = []

    def diagnosis():
        if not cache:
            run = lambda options: harness.rig(  # noqa: E731
                functools.partial(signatures.variant, **options), params, x, y, k, lr
            )
            cache.append(signatures.diagnose(got, want, run, T, k))
        return cache[0]

    if got["error"]:
        raise GradingFailure(in_context(plain_error(got, T, k), context), diagnosis())
    if got["losses"] is None:
        raise GradingFailure(
            text(
                "tbptt_train should return a list of the chunks' losses (floats, loss.item()), "
                "got a {returned} ({context})",
                returned=got["returned"],
                context=as_text(context),
            )
        )
    chunks = signatures.chunk_lengths(T, k)
    steps, want_steps = len(got["snapshots"]), len(want["snapshots"])
    if steps != want_steps:
        raise GradingFailure(
            text(
                "optimizer.step() ran {steps} time(s); the {T} steps in chunks of k = {k} are "
                "{n} chunk(s) of {chunks} steps, one step each ({context})",
                steps=steps,
                T=T,
                k=k,
                n=len(chunks),
                chunks=str(chunks),
                context=as_text(context),
            ),
            diagnosis(),
        )
    for i in range(want_steps):
        start = sum(chunks[:i])
        expect_array(
            got["snapshots"][i],
            want["snapshots"][i],
            text(
                "the parameters after optimizer step {step} (chunk {step}, steps {first}..{last})",
                step=i + 1,
                first=start,
                last=start + chunks[i] - 1,
            ),
            context=context,
            diagnose=diagnosis,
        )
    expect_array(
        got["losses"],
        want["losses"],
        text("the returned losses"),
        context=context,
        diagnose=diagnosis,
    )


@pytest.mark.parametrize("name", list(PROBES))
def test_matches_reference_step_by_step(solution, harness, reference, signatures, name):
    """One SGD step per chunk; parameters after every step and the returned losses match the reference."""
    T, k = PROBES[name]
    inputs = probe_inputs(harness, T, k)
    context = verbatim(f"T={T}, k={k}, D={D}, H={H}, O={OUT}, SGD lr={LR}")
    check_run(solution, harness, reference, signatures, inputs, context)


def test_returns_one_loss_per_chunk(solution, harness):
    """The returned list holds one float per chunk: ceil(T / k) of them, the last chunk's included."""
    params, x, y, k, lr = probe_inputs(harness, 23, 5)
    got = solution.harness.train(params, x, y, k, lr)
    if got["error"]:
        raise GradingFailure(in_context(plain_error(got, 23, 5), verbatim("T=23, k=5")))
    losses = got["losses"]
    if losses is None or losses.shape != (5,):
        what = (
            text("{n} losses", n=len(losses))
            if losses is not None
            else text("a {returned}", returned=got["returned"])
        )
        raise GradingFailure(
            text(
                "tbptt_train should return 5 losses for T = 23, k = 5 (chunks of 5, 5, 5, 5 and 3 "
                "steps), got {what}",
                what=what,
            )
        )


def test_state_carries_information_across_chunks(solution, harness):
    """A target at a chunk's first step that is the previous chunk's last input is learnt."""
    params, x, y, k, lr = delay_inputs(harness)
    got = solution.harness.train(params, x, y, k, lr, "adam", DELAY["epochs"])
    context = text(
        "y[t] = x[t-1], T={T}, k={k}, H={H}, Adam lr={lr}, {epochs} epochs",
        T=DELAY["T"],
        k=k,
        H=DELAY["H"],
        lr=lr,
        epochs=DELAY["epochs"],
    )
    if got["error"]:
        raise GradingFailure(in_context(plain_error(got, DELAY["T"], k), context))
    errors = got["errors"]
    if errors.shape != (DELAY["T"],):
        raise GradingFailure(
            text(
                "the loss was computed on {n} steps in the last epoch, not all {T} ({context})",
                n=errors.shape[0],
                T=DELAY["T"],
                context=context,
            )
        )
    starts = float(errors[k::k].mean())  # the first step of every chunk but the first
    inside = float(np.delete(errors, np.arange(0, DELAY["T"], k)).mean())
    if not starts < DELAY_THRESHOLD:
        raise GradingFailure(
            text(
                "after training, the squared error at the first step of each chunk is "
                "{starts:.3f}, at the other steps {inside:.3f} ({context}). The target at a "
                "chunk's first step is the previous chunk's last input: only the state carried "
                "over the boundary holds it, so a state reset (or cut) at every chunk leaves "
                "those targets at chance",
                starts=starts,
                inside=inside,
                context=context,
            ),
        )
