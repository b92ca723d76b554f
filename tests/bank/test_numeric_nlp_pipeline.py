"""Every numeric answer in question_bank/nlp_pipeline.yaml, recomputed independently.

BPE is learned with the algorithm of Sennrich et al. (2016), BLEU's clipped precision and
brevity penalty follow Papineni et al. (2002), and the PyTorch answers run real modules.
"""

import collections
import itertools
import math

import pytest
import torch

from tests.bank.numeric import assert_all_computed, assert_answer_matches, numeric_questions

TOPIC = "nlp_pipeline"
QUESTIONS = numeric_questions(TOPIC)

END_OF_WORD = "</w>"


def _learn_bpe(word_counts: dict[str, int], num_merges: int) -> tuple[set[str], list[str]]:
    """Sennrich et al., Algorithm 1: merge the most frequent adjacent pair inside words."""
    corpus = {(*word, END_OF_WORD): count for word, count in word_counts.items()}
    vocabulary = {symbol for word in corpus for symbol in word}
    merged_symbols = []
    for _ in range(num_merges):
        pairs: collections.Counter[tuple[str, str]] = collections.Counter()
        for word, count in corpus.items():
            for a, b in itertools.pairwise(word):
                pairs[(a, b)] += count
        (a, b), _ = pairs.most_common(1)[0]
        new_symbol = a + b
        new_corpus = {}
        for word, count in corpus.items():
            out, i = [], 0
            while i < len(word):
                if i + 1 < len(word) and (word[i], word[i + 1]) == (a, b):
                    out.append(new_symbol)
                    i += 2
                else:
                    out.append(word[i])
                    i += 1
            new_corpus[tuple(out)] = count
        corpus = new_corpus
        merged_symbols.append(new_symbol)
        vocabulary.add(new_symbol)
    return vocabulary, merged_symbols


def _bpe_vocab_size() -> int:
    counts = {"low": 5, "lower": 2, "newest": 6, "widest": 3}
    vocabulary, merged = _learn_bpe(counts, 10)
    assert len(set(merged)) == 10  # every merge created a symbol that did not exist before
    initial = {c for word in counts for c in word} | {END_OF_WORD}
    assert len(initial) == 11
    return len(vocabulary)


def _embedding_params() -> int:
    emb = torch.nn.Embedding(10000, 300, padding_idx=0)
    assert torch.count_nonzero(emb.weight[0]) == 0  # the pad row exists and starts at zero
    return sum(p.numel() for p in emb.parameters())


def _onehot_gigabytes() -> float:
    ids = torch.zeros(64, 200, dtype=torch.long)
    elements = ids.numel() * 50_000  # F.one_hot(ids, 50_000) would have this many entries
    float_bytes = torch.empty(0, dtype=torch.float32).element_size()
    assert ids.numel() * ids.element_size() == 102_400  # the ids, as the explanation says
    return elements * float_bytes / 1e9


def _crossentropy_on_probabilities() -> float:
    probabilities = torch.tensor([[1.0, 0.0, 0.0]])
    return torch.nn.CrossEntropyLoss()(probabilities, torch.tensor([0])).item()


def _perplexity() -> float:
    p = torch.tensor([0.5, 0.25, 0.125, 0.5], dtype=torch.float64)
    # Same number from a real cross-entropy: logits whose softmax puts exactly p on the targets.
    logits = torch.stack([p.log(), (1 - p).log()], dim=1)
    mean_ce = torch.nn.functional.cross_entropy(logits, torch.zeros(4, dtype=torch.long))
    assert math.isclose(mean_ce.item(), -p.log().mean().item(), rel_tol=1e-12)
    return math.exp(mean_ce.item())


def _modified_precision(candidate: str, references: list[str], n: int = 1) -> float:
    def ngrams(text: str) -> collections.Counter[tuple[str, ...]]:
        words = text.split()
        return collections.Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))

    cand = ngrams(candidate)
    refs = [ngrams(r) for r in references]
    clipped = sum(min(count, max(r[g] for r in refs)) for g, count in cand.items())
    return clipped / sum(cand.values())


def _bleu_unigram() -> float:
    return _modified_precision(
        "the the the the the the the", ["the cat is on the mat", "there is a cat on the mat"]
    )


def _brevity_penalty(c: int, r: int) -> float:
    return 1.0 if c > r else math.exp(1 - r / c)


def _f1(tp: int, fp: int, fn: int) -> float:
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    assert math.isclose(f1, 2 * tp / (2 * tp + fp + fn))
    return f1


COMPUTED = {
    "nlp-bpe-vocab-size": _bpe_vocab_size,
    "nlp-embedding-params": _embedding_params,
    "nlp-onehot-memory": _onehot_gigabytes,
    "nlp-crossentropy-on-probabilities": _crossentropy_on_probabilities,
    "nlp-perplexity-value": _perplexity,
    "nlp-bleu-modified-unigram": _bleu_unigram,
    "nlp-bleu-brevity-penalty": lambda: _brevity_penalty(8000, 10000),
    "nlp-f1-value": lambda: _f1(30, 10, 20),
}


def test_single_logit_cross_entropy_is_zero() -> None:
    """The claim behind nlp-sigmoid-with-categorical-ce: softmax over one logit is constantly 1."""
    logits = torch.randn(8, 1, requires_grad=True)
    loss = torch.nn.CrossEntropyLoss()(logits, torch.zeros(8, dtype=torch.long))
    loss.backward()
    assert loss.item() == 0.0
    assert torch.count_nonzero(logits.grad) == 0


def test_embedding_equals_linear_on_one_hot() -> None:
    """The claim of nlp-embedding-is-linear-on-onehot, forward and gradient."""
    torch.manual_seed(0)
    emb = torch.nn.Embedding(7, 3)
    ids = torch.tensor([[1, 4, 4], [0, 6, 2]])
    direct = emb(ids)
    direct.sum().backward()
    grad_lookup = emb.weight.grad.clone()
    emb.weight.grad = None
    via_one_hot = torch.nn.functional.one_hot(ids, 7).float() @ emb.weight
    via_one_hot.sum().backward()
    assert torch.allclose(direct, via_one_hot)
    assert torch.allclose(grad_lookup, emb.weight.grad)


def test_micro_f1_equals_accuracy_single_label() -> None:
    """The claim of nlp-micro-f1-equals-accuracy, on a 3-class confusion."""
    y_true = [0, 0, 0, 0, 0, 0, 1, 1, 2, 2]
    y_pred = [0, 0, 0, 0, 0, 1, 1, 2, 0, 2]
    pairs = list(zip(y_true, y_pred, strict=True))
    # Pool the per-class counts, as average='micro' does.
    tp = sum(sum(t == p == k for t, p in pairs) for k in range(3))
    fp = sum(sum(p == k != t for t, p in pairs) for k in range(3))
    fn = sum(sum(t == k != p for t, p in pairs) for k in range(3))
    accuracy = sum(t == p for t, p in pairs) / len(pairs)
    assert tp / (tp + fp) == pytest.approx(accuracy)
    assert tp / (tp + fn) == pytest.approx(accuracy)
    assert _f1(tp, fp, fn) == pytest.approx(accuracy)


@pytest.mark.parametrize("question_id", sorted(COMPUTED))
def test_numeric_answer_matches_computation(question_id):
    assert_answer_matches(QUESTIONS[question_id], COMPUTED[question_id]())


def test_every_numeric_question_is_computed():
    assert_all_computed(TOPIC, COMPUTED)
