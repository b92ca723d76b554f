"""Every numeric answer in question_bank/speech_vision_apps.yaml, recomputed independently.

Frame counts come from a real torch.stft, CTC answers from torch.nn.CTCLoss (and, for the path
sum, from enumerating every path and applying the collapse map of Graves et al. 2006), layer
shapes and parameter counts from real modules, and the TCN receptive field from the gradient of
the last output with respect to the input.
"""

import itertools
import math

import pytest
import torch

from tests.bank.numeric import assert_all_computed, assert_answer_matches, numeric_questions

TOPIC = "speech_vision_apps"
QUESTIONS = numeric_questions(TOPIC)
BLANK = 0


def _stft_frames(samples: int, n_fft: int, hop: int, win: int, center: bool) -> int:
    signal = torch.randn(samples, generator=torch.Generator().manual_seed(0))
    spec = torch.stft(
        signal,
        n_fft=n_fft,
        hop_length=hop,
        win_length=win,
        window=torch.hann_window(win),
        center=center,
        return_complex=True,
    )
    assert spec.shape[0] == n_fft // 2 + 1
    return spec.shape[-1]


def _collapse(path: tuple[int, ...]) -> tuple[int, ...]:
    """CTC's map B: merge repeats, then drop blanks."""
    merged = [label for i, label in enumerate(path) if i == 0 or label != path[i - 1]]
    return tuple(label for label in merged if label != BLANK)


def _ctc_min_frames(target: list[int], num_classes: int) -> int:
    """The smallest T for which nn.CTCLoss is finite for this target."""
    ctc = torch.nn.CTCLoss(blank=BLANK, reduction="sum")
    targets = torch.tensor([target])
    for frames in range(1, 3 * len(target)):
        log_probs = torch.randn(frames, 1, num_classes).log_softmax(-1)
        loss = ctc(log_probs, targets, torch.tensor([frames]), torch.tensor([len(target)]))
        if math.isfinite(loss.item()):
            # Cross-check: some path of this length collapses to the target.
            paths = itertools.product(range(num_classes), repeat=frames)
            assert any(_collapse(p) == tuple(target) for p in paths)
            return frames
    raise AssertionError("no finite CTC loss found")


def _ctc_two_frame_loss() -> float:
    frames, probs = 2, torch.tensor([0.5, 0.5], dtype=torch.float64)  # blank, "a"
    by_enumeration = sum(
        math.prod(probs[label].item() for label in path)
        for path in itertools.product(range(2), repeat=frames)
        if _collapse(path) == (1,)
    )
    log_probs = probs.log().expand(frames, 1, 2).contiguous()
    loss = torch.nn.CTCLoss(blank=BLANK, reduction="sum")(
        log_probs, torch.tensor([[1]]), torch.tensor([frames]), torch.tensor([1])
    )
    assert abs(loss.item() + math.log(by_enumeration)) < 1e-9
    return loss.item()


def _cnn_lstm_input_size() -> int:
    conv = torch.nn.Sequential(
        torch.nn.Conv2d(1, 32, kernel_size=3, stride=2, padding=1),
        torch.nn.ReLU(),
        torch.nn.Conv2d(32, 32, kernel_size=3, stride=2, padding=1),
        torch.nn.ReLU(),
    )
    out = conv(torch.randn(2, 1, 80, 300))
    n, channels, freq, time = out.shape
    features = out.permute(0, 3, 1, 2).reshape(n, time, channels * freq)
    lstm = torch.nn.LSTM(features.shape[-1], 256, batch_first=True)
    assert lstm(features)[0].shape == (2, 75, 256)
    return features.shape[-1]


def _convlstm_params() -> int:
    gates = torch.nn.Conv2d(1 + 64, 4 * 64, kernel_size=3, padding=1)
    x, h = torch.randn(1, 1, 16, 16), torch.zeros(1, 64, 16, 16)
    assert gates(torch.cat([x, h], dim=1)).shape == (1, 256, 16, 16)  # state keeps H x W
    return sum(p.numel() for p in gates.parameters())


def _bpr_loss() -> float:
    positive = torch.tensor(2.0, dtype=torch.float64)
    negatives = torch.tensor([1.0, 0.0, 3.0], dtype=torch.float64)
    return (-torch.nn.functional.logsigmoid(positive - negatives)).mean().item()


def _tcn_receptive_field() -> int:
    """Build the 8 causal dilated convolutions and see which inputs the last output depends on."""
    kernel, length = 3, 200
    layers = []
    for dilation in (1, 2, 4, 8):
        for _ in range(2):
            layers.append(torch.nn.ConstantPad1d(((kernel - 1) * dilation, 0), 0.0))
            layers.append(torch.nn.Conv1d(1, 1, kernel, dilation=dilation))
    net = torch.nn.Sequential(*layers).double()
    with torch.no_grad():
        for module in net:
            if isinstance(module, torch.nn.Conv1d):
                module.weight.fill_(1.0)  # no accidental zero paths
    x = torch.randn(1, 1, length, dtype=torch.float64, requires_grad=True)
    out = net(x)
    assert out.shape[-1] == length  # causal padding keeps the length
    out[0, 0, -1].backward()
    return int((x.grad[0, 0] != 0).sum().item())


COMPUTED = {
    "sva-frame-count-no-padding": lambda: _stft_frames(16000, 400, 160, 400, center=False),
    "sva-frame-count-centered": lambda: _stft_frames(40000, 512, 160, 400, center=True),
    "sva-cnn-lstm-input-size": _cnn_lstm_input_size,
    "sva-convlstm-params": _convlstm_params,
    # h e l l o with h=1, e=2, l=3, o=4 and the blank 0.
    "sva-ctc-min-frames": lambda: _ctc_min_frames([1, 2, 3, 3, 4], num_classes=5),
    "sva-ctc-path-sum": _ctc_two_frame_loss,
    "sva-gru4rec-bpr-value": _bpr_loss,
    "sva-tcn-receptive-field": _tcn_receptive_field,
}


@pytest.mark.parametrize("question_id", sorted(COMPUTED))
def test_numeric_answer_matches_computation(question_id):
    assert_answer_matches(QUESTIONS[question_id], COMPUTED[question_id]())


def test_every_numeric_question_is_computed():
    assert_all_computed(TOPIC, COMPUTED)
