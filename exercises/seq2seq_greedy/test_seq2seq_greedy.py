"""Hidden suite for seq2seq_greedy. Runs in the trusted process; `solution` calls the learner's code.

The contract:

    def seq2seq_train_logits(src, tgt, params):
        '''src (T_src, N), tgt (T_tgt, N) int ids; an LSTM encoder from zeros, its final (h, c)
        starts an LSTM decoder whose input at step t is BOS (t = 0), then tgt[t-1];
        returns logits (T_tgt, N, V) = h_t W_out^T + b_out.'''

    def seq2seq_greedy_decode(src, params, max_len):
        '''the same decoder fed its own argmax; returns tokens (N, max_len) int64:
        a row keeps its EOS, then PAD.'''

Probes: V_src != V (the source embedding used for the decoder still runs and can be
named), H != V and one model with H == V (W_out without .T runs there), T_tgt = 1,
T_src = 1, N = 1, max_len = 1, V == N (an argmax over the batch axis runs), and batches
where rows emit EOS at different steps, one at its very first step, one never. The
models never favour PAD or BOS (their output biases are low), as a trained model would.
Then drawn sizes (hypothesis, derandomised: T_src = T_tgt = N = E = H = max_len = 1
among them) for both functions, and two results kept at once (a reused buffer shows).
"""

import numpy as np
import pytest

from lstm_quiz.grading.expect import (
    GradingFailure,
    expect_array,
    expect_array_like,
    expect_token_sequences,
)
from lstm_quiz.grading.messages import Join, as_text, text, verbatim
from lstm_quiz.grading.properties import cases, check_cases, corner_cases

PAD, BOS, EOS = 0, 1, 2
# Drawn sizes (V >= 4: ids 3 .. V-1 fill the sequences); token ids have no all-zero case.
DRAWN = {
    "T_src": (1, 4), "T_tgt": (1, 4), "N": (1, 4), "V_src": (4, 8), "V": (4, 7),
    "E": (1, 4), "H": (1, 5), "max_len": (1, 5),
}  # fmt: skip
KEYS = (
    "emb_src", "emb_tgt", "enc_W_ih", "enc_W_hh", "enc_b_ih", "enc_b_hh",
    "dec_W_ih", "dec_W_hh", "dec_b_ih", "dec_b_hh", "W_out", "b_out",
)  # fmt: skip


def make_params(seed, V_src, V, E, H, eos_bias=0.0):
    rng = np.random.default_rng(seed)
    p = {"emb_src": rng.normal(size=(V_src, E)), "emb_tgt": rng.normal(size=(V, E))}
    for side in ("enc", "dec"):
        p[f"{side}_W_ih"] = 1.5 * rng.normal(size=(4 * H, E)) / np.sqrt(E)
        p[f"{side}_W_hh"] = 1.5 * rng.normal(size=(4 * H, H)) / np.sqrt(H)
        p[f"{side}_b_ih"] = 0.5 * rng.normal(size=4 * H)
        p[f"{side}_b_hh"] = 0.5 * rng.normal(size=4 * H)
    p["W_out"] = 2.0 * rng.normal(size=(V, H))
    p["b_out"] = 0.5 * rng.normal(size=V)
    p["b_out"][[PAD, BOS]] -= 6.0  # never predicted, as after training
    p["b_out"][EOS] += eos_bias
    return p


def make_sequences(seed, T, N, V):
    """Token ids in 3 .. V-1 (no PAD, BOS or EOS inside a sequence)."""
    return np.random.default_rng(seed).integers(3, V, size=(T, N))


# (name, seed, T_src, T_tgt, N, V_src, V, E, H)
TRAIN_PROBES = [
    ("V_src=9, V=7, E=4, H=5", 1, 5, 4, 3, 9, 7, 4, 5),
    ("T_tgt=1", 2, 4, 1, 2, 8, 6, 3, 4),
    ("N=1, T_src=1", 3, 1, 5, 1, 7, 6, 5, 3),
    ("H=V (W_out square)", 4, 3, 4, 3, 8, 5, 4, 5),
]

# (name, seed, T_src, N, V_src, V, E, H, max_len, eos_bias)
DECODE_PROBES = [
    ("rows stop at different steps", 14, 4, 5, 9, 7, 4, 5, 6, 0.5),
    ("a row stops at its first step, a row never", 23, 5, 4, 9, 7, 4, 5, 5, 1.0),
    ("N=1", 12, 3, 1, 8, 6, 4, 5, 6, 0.5),
    ("max_len=1, T_src=1", 11, 1, 3, 8, 6, 4, 5, 1, 0.5),
    ("V=N=H", 16, 4, 6, 9, 6, 4, 6, 5, 0.5),
]


def train_inputs(probe):
    _, seed, T_src, T_tgt, N, V_src, V, E, H = probe
    params = make_params(seed, V_src, V, E, H)
    return make_sequences(seed + 1, T_src, N, V_src), make_sequences(seed + 2, T_tgt, N, V), params


def decode_inputs(probe):
    _, seed, T_src, N, V_src, V, E, H, max_len, eos_bias = probe
    params = make_params(seed, V_src, V, E, H, eos_bias)
    return make_sequences(seed + 100, T_src, N, V_src), params, max_len


def copy_inputs(inputs):
    return [
        {k: v.copy() for k, v in a.items()} if isinstance(a, dict) else np.copy(a) for a in inputs
    ]


def sizes(src, params):
    V, H = params["W_out"].shape
    return (
        f"T_src={src.shape[0]}, N={src.shape[1]}, V_src={params['emb_src'].shape[0]}, V={V}, "
        f"E={params['emb_src'].shape[1]}, H={H}"
    )  # values only: the same in every language


@pytest.fixture(scope="module")
def signatures(exercise_module):
    return exercise_module("signatures")


@pytest.mark.parametrize("probe", TRAIN_PROBES, ids=[p[0] for p in TRAIN_PROBES])
def test_train_logits_match_reference(solution, reference, signatures, probe):
    """Teacher-forced logits (T_tgt, N, V) match the reference."""
    check_train(solution, reference, signatures, train_inputs(probe))


def check_train(solution, reference, signatures, inputs, drawn=False):
    src, tgt, params = inputs
    want = reference.seq2seq_train_logits(*copy_inputs(inputs))
    got = solution.seq2seq_train_logits(*inputs)
    context = verbatim(f"T_tgt={tgt.shape[0]}, {sizes(src, params)}")
    if drawn:
        context = text("drawn case: {case}", case=context)
    cache = []

    def diagnosis():
        if not cache:
            cache.append(signatures.train_diagnose(got, inputs))
        return cache[0]

    expect_array_like(got, want.shape, "logits", context=context, diagnose=diagnosis)
    expect_array(got, want, "logits", context=context, diagnose=diagnosis)


@pytest.mark.parametrize("probe", DECODE_PROBES, ids=[p[0] for p in DECODE_PROBES])
def test_greedy_tokens_match_reference(solution, reference, signatures, probe):
    """Greedy tokens (N, max_len): each row's argmax path up to its EOS, then PAD."""
    check_decode(solution, reference, signatures, decode_inputs(probe), probe[0])


def check_decode(solution, reference, signatures, inputs, name):
    src, params, max_len = inputs
    want = reference.seq2seq_greedy_decode(*copy_inputs(inputs))
    got = solution.seq2seq_greedy_decode(*inputs)
    expect_token_sequences(
        got,
        want,
        "tokens",
        context=text(
            "{sizes}, {name}",
            sizes=verbatim(f"max_len={max_len}, {sizes(src, params)}"),
            name=as_text(name),
        ),
        diagnose=lambda: signatures.decode_diagnose(got, inputs),
    )


def drawn_train(case):
    params = make_params(case.seed, case["V_src"], case["V"], case["E"], case["H"])
    src = make_sequences(case.seed + 1, case["T_src"], case["N"], case["V_src"])
    return src, make_sequences(case.seed + 2, case["T_tgt"], case["N"], case["V"]), params


def test_train_logits_on_drawn_sizes(solution, reference, signatures):
    """Teacher-forced logits match over drawn sizes (every size at its minimum among them)."""

    def check_case(case):
        check_train(solution, reference, signatures, drawn_train(case), drawn=True)

    corners = corner_cases(zero=False, **DRAWN)
    check_cases(cases(zero=False, **DRAWN), check_case, corners=corners, max_examples=15)


def test_greedy_tokens_on_drawn_sizes(solution, reference, signatures):
    """Greedy tokens match over drawn sizes and EOS preferences (max_len = 1, N = 1 among them)."""

    def check_case(case):
        eos_bias = (0.0, 0.5, 1.0, 2.0)[case.seed % 4]
        params = make_params(case.seed, case["V_src"], case["V"], case["E"], case["H"], eos_bias)
        src = make_sequences(case.seed + 100, case["T_src"], case["N"], case["V_src"])
        check_decode(
            solution, reference, signatures, (src, params, case["max_len"]),
            text("drawn case, EOS bias {bias:+g}", bias=eos_bias),
        )  # fmt: skip

    corners = corner_cases(zero=False, **DRAWN)
    check_cases(cases(zero=False, **DRAWN), check_case, corners=corners, max_examples=15)


def test_results_kept_across_calls(solution):
    """A result stays as returned after the next call (the sandbox re-reads the earlier one)."""
    for seed in (61, 62):
        src, tgt, params = train_inputs(("kept", seed, 3, 3, 2, 8, 6, 3, 4))
        solution.seq2seq_train_logits(src, tgt, params)
        solution.seq2seq_greedy_decode(src, params, 4)  # fails if it overwrote an earlier result


def changed_inputs(names, before, after):
    """The names of the arguments (and of params' arrays) that differ after the call."""
    changed = []
    for name, old, new in zip(names, before, after, strict=True):
        if isinstance(old, dict):
            if not isinstance(new, dict):
                changed.append(name)
                continue
            changed += [
                f"{name}['{key}']"
                for key in KEYS
                if not (isinstance(new.get(key), np.ndarray) and np.array_equal(new[key], old[key]))
            ]
        elif not (isinstance(new, np.ndarray) and np.array_equal(new, old)):
            changed.append(name)
    return changed


def test_inputs_unchanged(solution):
    """src, tgt and every array of params are left unchanged by both functions."""
    src, tgt, params = train_inputs(TRAIN_PROBES[0])
    changed = []
    for function, names, args in (
        ("seq2seq_train_logits", ("src", "tgt", "params"), (src, tgt, params)),
        ("seq2seq_greedy_decode", ("src", "params", "max_len"), (src, params, 4)),
    ):
        before = copy_inputs(args)
        after = solution.call(function, *args).args_after
        found = changed_inputs(names, before, after)
        changed += [
            text("{name} (in {function})", name=name, function=function)
            for name in found
            if name != "max_len"
        ]
    if changed:
        raise GradingFailure(
            text(
                "your function modified its input(s) {names} in place; the caller "
                "still needs them (the same weights decode the next batch). Build new arrays "
                "instead of writing into the inputs with [...] =, *= or +=.",
                names=Join(tuple(changed)),
            )
        )
