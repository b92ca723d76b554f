# expect: below the required
import numpy as np
import torch
from torch import nn


class Classifier(nn.Module):
    def __init__(self, features, hidden=16):
        super().__init__()
        self.lstm = nn.LSTM(features, hidden, batch_first=True)
        self.head = nn.Linear(hidden, 1)
        with torch.no_grad():
            self.lstm.bias_ih_l0[hidden : 2 * hidden].fill_(3.0)

    def forward(self, x):
        _, (h_n, _) = self.lstm(x[:, -5:])  # only the last 5 steps: the marker is never seen
        return self.head(h_n[-1]).squeeze(-1)


def train_classifier(X, y):
    torch.manual_seed(0)
    X_t, y_t = torch.from_numpy(X), torch.from_numpy(y).float()

    model = Classifier(X.shape[2])
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    loss_fn = nn.BCEWithLogitsLoss()
    for _ in range(4):
        order = torch.randperm(len(X_t))
        for start in range(0, len(X_t), 64):
            batch = order[start : start + 64]
            optimizer.zero_grad()
            loss_fn(model(X_t[batch]), y_t[batch]).backward()
            optimizer.step()
    return model


def predict(model, X):
    with torch.no_grad():
        return (model(torch.from_numpy(X)) > 0).long().numpy()
