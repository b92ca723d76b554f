"""The NumPy reference of seq2seq_greedy is torch's Embedding + LSTM + Linear, and its diagnoses start from it.

Teacher-forced logits are compared with a torch encoder-decoder run on the
whole shifted target at once; greedy decoding with a torch loop that feeds
back its own argmax and pads each row after its EOS.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
import torch

from lstm_quiz.grading.plugin import load_module
from lstm_quiz.paths import shipped_exercises_dir
from tests.exercises.signature_checks import mistakes_never_named_alone, mistakes_without_effect

FOLDER = shipped_exercises_dir() / "seq2seq_greedy"
reference = load_module(FOLDER / "reference.py")
signatures = load_module(FOLDER / "signatures.py")
suite = load_module(FOLDER / "test_seq2seq_greedy.py")
PAD, BOS, EOS = 0, 1, 2


class TorchSeq2Seq(torch.nn.Module):
    def __init__(self, p: dict[str, np.ndarray]) -> None:
        super().__init__()
        (V_src, E), (V, H) = p["emb_src"].shape, p["W_out"].shape
        self.emb_src = torch.nn.Embedding(V_src, E)
        self.emb_tgt = torch.nn.Embedding(V, E)
        self.encoder = torch.nn.LSTM(E, H)
        self.decoder = torch.nn.LSTM(E, H)
        self.out = torch.nn.Linear(H, V)
        self.double()
        with torch.no_grad():
            self.emb_src.weight.copy_(torch.from_numpy(p["emb_src"]))
            self.emb_tgt.weight.copy_(torch.from_numpy(p["emb_tgt"]))
            for side, lstm in (("enc", self.encoder), ("dec", self.decoder)):
                for name in ("W_ih", "W_hh", "b_ih", "b_hh"):
                    torch_name = ("weight_" if name[0] == "W" else "bias_") + name[-2:] + "_l0"
                    getattr(lstm, torch_name).copy_(torch.from_numpy(p[f"{side}_{name}"]))
            self.out.weight.copy_(torch.from_numpy(p["W_out"]))
            self.out.bias.copy_(torch.from_numpy(p["b_out"]))

    def encode(self, src: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        _, state = self.encoder(self.emb_src(src))  # zero initial state by default
        return state

    def train_logits(self, src: np.ndarray, tgt: np.ndarray) -> np.ndarray:
        tgt_t = torch.from_numpy(tgt)
        shifted = torch.cat([torch.full((1, tgt.shape[1]), BOS), tgt_t[:-1]])
        with torch.no_grad():
            output, _ = self.decoder(self.emb_tgt(shifted), self.encode(torch.from_numpy(src)))
            return self.out(output).numpy()

    def greedy(self, src: np.ndarray, max_len: int) -> np.ndarray:
        N = src.shape[1]
        tokens = torch.full((N, max_len), PAD, dtype=torch.long)
        y = torch.full((1, N), BOS)
        done = torch.zeros(N, dtype=torch.bool)
        with torch.no_grad():
            state = self.encode(torch.from_numpy(src))
            for t in range(max_len):
                output, state = self.decoder(self.emb_tgt(y), state)
                best = self.out(output[0]).argmax(dim=1)
                tokens[:, t] = torch.where(done, PAD, best)
                done |= best == EOS
                y = best[None]
        return tokens.numpy()


def random_case(seed: int):
    rng = np.random.default_rng(seed)
    T_src, T_tgt, N = (int(k) for k in rng.integers(1, 6, size=3))
    V_src, V, E, H = (
        int(rng.integers(4, 9)),
        int(rng.integers(4, 9)),
        int(rng.integers(1, 6)),
        int(rng.integers(1, 6)),
    )
    params = suite.make_params(seed, V_src, V, E, H, eos_bias=float(rng.uniform(0, 2)))
    src = rng.integers(3, V_src, size=(T_src, N))
    tgt = rng.integers(3, V, size=(T_tgt, N))
    return src, tgt, params


@pytest.mark.parametrize("seed", range(30))
def test_train_logits_equal_torch(seed: int) -> None:
    src, tgt, params = random_case(seed)
    before = suite.copy_inputs((src, tgt, params))
    got = reference.seq2seq_train_logits(src, tgt, params)
    np.testing.assert_allclose(
        got, TorchSeq2Seq(params).train_logits(src, tgt), rtol=1e-10, atol=1e-12
    )
    assert suite.changed_inputs(("src", "tgt", "params"), before, (src, tgt, params)) == []


@pytest.mark.parametrize("seed", range(30))
def test_greedy_decode_equals_torch(seed: int) -> None:
    src, _, params = random_case(seed)
    max_len = 1 + seed % 6
    got = reference.seq2seq_greedy_decode(src, params, max_len)
    assert got.dtype == np.int64 and got.shape == (src.shape[1], max_len)
    np.testing.assert_array_equal(got, TorchSeq2Seq(params).greedy(src, max_len))


def test_greedy_tokens_are_the_argmax_of_teacher_forcing_on_themselves() -> None:
    """Fed its own output as the gold target, teacher forcing predicts that output again (before EOS)."""
    for probe in suite.DECODE_PROBES:
        src, params, max_len = suite.decode_inputs(probe)
        tokens = reference.seq2seq_greedy_decode(src, params, max_len)
        logits = reference.seq2seq_train_logits(src, tokens.T.copy(), params)
        predicted = logits.argmax(axis=2).T
        for row, want in zip(predicted, tokens, strict=True):
            stop = int(np.argmax(want == EOS)) + 1 if (want == EOS).any() else max_len
            np.testing.assert_array_equal(row[:stop], want[:stop])


def test_suite_probes_equal_torch_and_show_what_their_names_say() -> None:
    for probe in suite.TRAIN_PROBES:
        src, tgt, params = suite.train_inputs(probe)
        np.testing.assert_allclose(
            reference.seq2seq_train_logits(src, tgt, params),
            TorchSeq2Seq(params).train_logits(src, tgt),
            rtol=1e-10,
            atol=1e-12,
        )
    first_eos = []
    for probe in suite.DECODE_PROBES:
        src, params, max_len = suite.decode_inputs(probe)
        tokens = reference.seq2seq_greedy_decode(src, params, max_len)
        np.testing.assert_array_equal(tokens, TorchSeq2Seq(params).greedy(src, max_len))
        first_eos += [int(np.argmax(r == EOS)) if (r == EOS).any() else -1 for r in tokens]
    assert 0 in first_eos and -1 in first_eos and max(first_eos) >= 2


def test_float32_computation_passes_every_probe() -> None:
    for probe in suite.TRAIN_PROBES:
        src, tgt, params = suite.train_inputs(probe)
        p32 = {k: v.astype(np.float32) for k, v in params.items()}
        got = reference.seq2seq_train_logits(src, tgt, p32)
        assert got.dtype == np.float32
        np.testing.assert_allclose(
            got, reference.seq2seq_train_logits(src, tgt, params), rtol=1e-4, atol=1e-5
        )
    for probe in suite.DECODE_PROBES:
        src, params, max_len = suite.decode_inputs(probe)
        p32 = {k: v.astype(np.float32) for k, v in params.items()}
        np.testing.assert_array_equal(
            reference.seq2seq_greedy_decode(src, p32, max_len),
            reference.seq2seq_greedy_decode(src, params, max_len),
        )


@pytest.mark.parametrize("seed", range(15))
def test_signature_baselines_equal_reference(seed: int) -> None:
    src, tgt, params = random_case(seed)
    np.testing.assert_allclose(
        signatures.train(src, tgt, params),
        reference.seq2seq_train_logits(src, tgt, params),
        atol=1e-14,
    )
    np.testing.assert_array_equal(
        signatures.decode(src, params, 5), reference.seq2seq_greedy_decode(src, params, 5)
    )


TRAIN = SimpleNamespace(
    SIGNATURES=signatures.TRAIN_SIGNATURES + signatures.SHARED, diagnose=signatures.train_diagnose
)
DECODE = SimpleNamespace(
    SIGNATURES=signatures.SHARED + signatures.DECODE_SIGNATURES, diagnose=signatures.decode_diagnose
)


def test_every_signature_changes_the_result_on_some_probe() -> None:
    for kind, run, probes, correct in (
        (TRAIN, signatures.train, [suite.train_inputs(p) for p in suite.TRAIN_PROBES], reference.seq2seq_train_logits),
        (DECODE, signatures.decode, [suite.decode_inputs(p) for p in suite.DECODE_PROBES], reference.seq2seq_greedy_decode),
    ):  # fmt: skip
        effects = [
            set(mistakes_without_effect(kind, inputs, run, correct(*inputs))) for inputs in probes
        ]
        assert set.intersection(*effects) == set()


def test_train_signatures_are_named_alone_on_the_suites_probes() -> None:
    probes = [suite.train_inputs(p) for p in suite.TRAIN_PROBES]
    assert mistakes_never_named_alone(TRAIN, probes, signatures.train) == []


def test_decode_signatures_are_named_alone_on_the_suites_probes() -> None:
    """Every decoding mistake but "only h passed" (named by the logits) is named by the tokens."""
    probes = [suite.decode_inputs(p) for p in suite.DECODE_PROBES]
    missing = mistakes_never_named_alone(DECODE, probes, signatures.decode)
    assert [m[:21] for m in missing] == ["only h passed from th"]


def test_correct_output_gets_no_diagnosis() -> None:
    for probe in suite.TRAIN_PROBES:
        inputs = suite.train_inputs(probe)
        assert signatures.train_diagnose(reference.seq2seq_train_logits(*inputs), inputs) == ""
    for probe in suite.DECODE_PROBES:
        inputs = suite.decode_inputs(probe)
        assert signatures.decode_diagnose(reference.seq2seq_greedy_decode(*inputs), inputs) == ""
