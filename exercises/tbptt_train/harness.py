"""Trains a small LSTM with a tbptt_train and records what happened, as plain arrays.

Runs inside the sandbox with the learner's function (``train``), and in the
trusted process with the reference and the known mistakes (``rig``, loaded
through exercise_module("harness")), so that both sides train the same model
on the same data in the same way.
"""

import numpy as np
import torch
from torch import nn

FREED = "backward through the graph a second time"
INPLACE = "modified by an inplace operation"


class Net(nn.Module):
    """nn.LSTM(D, H, batch_first=True) and a linear head on every step: net(x, state) -> (out, (h, c))."""

    def __init__(self, D, H, outputs):
        super().__init__()
        self.lstm = nn.LSTM(D, H, batch_first=True)
        self.head = nn.Linear(H, outputs)

    def forward(self, x, state=None):
        out, state = self.lstm(x, state)
        return self.head(out), state


class Recorded(nn.Module):
    """The model handed to tbptt_train: records each call's length and the state it was given."""

    def __init__(self, net):
        super().__init__()
        self.net = net
        self.calls = []  # [steps, fresh state, h carries a graph, c carries a graph]

    def forward(self, x, state=None):
        record = [int(x.shape[1]), 1, 0, 0]
        if isinstance(state, tuple | list) and len(state) == 2:
            h, c = state
            record = [
                int(x.shape[1]),
                int(not bool(h.detach().abs().sum()) and not bool(c.detach().abs().sum())),
                int(h.grad_fn is not None),
                int(c.grad_fn is not None),
            ]
        self.calls.append(record)
        return self.net(x, state)


class RecordedMSE(nn.Module):
    """Mean squared error; keeps each call's squared error per step (detached)."""

    def __init__(self):
        super().__init__()
        self.errors = []

    def forward(self, out, target):
        squared = (out - target) ** 2
        self.errors.append(squared.detach().mean(dim=(0, 2)).numpy().copy())
        return squared.mean()


def _flat(model):
    return torch.cat([p.detach().reshape(-1) for p in model.parameters()]).numpy().copy()


def rig(train_fn, params, x, y, k, lr, optimizer="sgd", epochs=1):
    """Runs ``train_fn`` on a Net holding ``params``; returns what a test compares.

    losses: the last epoch's returned losses (None if not a list of numbers);
    snapshots: (steps, P) parameters after every optimizer.step(); calls: (C, 4);
    errors: the last epoch's per-step squared errors, concatenated over the loss calls;
    error: "" or the kind of autograd error ("freed", "inplace") and its message.
    """
    D, H, outputs = x.shape[2], params["lstm.weight_hh_l0"].shape[1], y.shape[2]
    net = Net(D, H, outputs).double()
    net.load_state_dict({name: torch.from_numpy(np.array(v)) for name, v in params.items()})
    model = Recorded(net)
    if optimizer == "sgd":
        opt = torch.optim.SGD(model.parameters(), lr=float(lr))
    else:
        opt = torch.optim.Adam(model.parameters(), lr=float(lr))
    snapshots = []
    opt.register_step_post_hook(lambda *_: snapshots.append(_flat(model)))
    loss_fn = RecordedMSE()
    x_t, y_t = torch.from_numpy(np.array(x)), torch.from_numpy(np.array(y))
    result = {"error": "", "message": "", "losses": None, "returned": ""}
    try:
        for _ in range(int(epochs)):
            loss_fn.errors.clear()
            returned = train_fn(model, opt, loss_fn, x_t, y_t, int(k))
    except RuntimeError as failure:
        text = str(failure)
        if FREED not in text and INPLACE not in text:
            raise
        result["error"] = "freed" if FREED in text else "inplace"
        result["message"] = text[:400]
    else:
        result["returned"] = type(returned).__name__
        if isinstance(returned, list | tuple):
            try:
                result["losses"] = np.array([float(loss) for loss in returned], dtype=np.float64)
            except (TypeError, ValueError, RuntimeError):
                pass
    size = sum(p.numel() for p in model.parameters())
    result["snapshots"] = np.array(snapshots, dtype=np.float64).reshape(len(snapshots), size)
    result["calls"] = np.array(model.calls, dtype=np.int64).reshape(len(model.calls), 4)
    errors = loss_fn.errors
    result["errors"] = np.concatenate(errors) if errors else np.zeros(0)
    return result


def train(params, x, y, k, lr, optimizer="sgd", epochs=1):
    torch.manual_seed(0)
    return rig(solution.tbptt_train, params, x, y, k, lr, optimizer, epochs)  # noqa: F821 - given by the grader
