import numpy as np
import torch
from torch import nn


def train_classifier(X, y):
    """X: (N, T, D) float32, batch-first; y: (N,) int64 in {0, 1}. Returns a trained model."""
    raise NotImplementedError("build an nn.LSTM classifier and train it")


def predict(model, X):
    """X: (M, T, D) float32. Returns (M,) labels in {0, 1}."""
    raise NotImplementedError
