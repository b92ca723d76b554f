"""Hidden suite for train_classifier: fresh data every run, accuracy on held-out sequences."""

import secrets
import time

import numpy as np
import pytest

from lstm_quiz.grading.expect import GradingFailure
from lstm_quiz.grading.messages import text

THRESHOLD = 0.90


@pytest.fixture(scope="module")
def outcome(solution, exercise_module):
    """Train once per run (it is the expensive part); both tests read the result."""
    task = exercise_module("task")
    seed = secrets.randbits(32)  # new data every run: nothing to memorise
    X_train, y_train = task.make_task(2000, seed)
    X_test, y_test = task.make_task(1000, seed + 1)
    # Timed here, outside the sandbox, so the learner's code cannot change the number shown.
    started = time.perf_counter()
    try:
        labels = solution.harness.fit_and_predict(X_train, y_train, X_test)
        return {"labels": labels, "y": y_test, "seconds": time.perf_counter() - started}
    except Exception as failure:
        return {"failure": failure, "y": y_test}


def labels_of(outcome):
    if "failure" in outcome:
        raise outcome["failure"]
    return outcome["labels"]


def test_predictions_are_labels(outcome):
    """predict returns one label in {0, 1} per held-out sequence."""
    labels = labels_of(outcome)
    want = outcome["y"].shape
    if not isinstance(labels, np.ndarray) or labels.shape != want:
        shape = getattr(labels, "shape", None)
        raise GradingFailure(
            text("predict should return {n} labels, got shape {shape}", n=want[0], shape=shape)
        )
    values = np.unique(labels)
    if not np.isin(values, [0, 1]).all():
        shown = ", ".join(f"{v:g}" for v in values[:5])
        raise GradingFailure(
            text(
                "predict should return labels 0 or 1, got values {shown} (probabilities or "
                "logits? threshold them)",
                shown=shown + ("..." if values.size > 5 else ""),
            )
        )


def test_accuracy_on_held_out_sequences(outcome, request):
    """Accuracy >= 0.90 on 1,000 freshly generated held-out sequences."""
    labels = labels_of(outcome)
    y = outcome["y"]
    if not isinstance(labels, np.ndarray) or labels.shape != y.shape:
        raise GradingFailure("no usable predictions (see the other test)")
    accuracy = float(np.mean(labels.astype(np.int64) == y))
    if accuracy < THRESHOLD:
        share = float(np.mean(labels == 1))
        hint = ""
        if share > 0.97 or share < 0.03:
            hint = "Your model predicts one class almost always: it has not learned (is it trained at all?)."
        elif accuracy < 0.6:
            hint = (
                "That is chance: the first marker's sign does not reach the decision. Does the model read"
                " the whole sequence, batch-first? Does its gradient reach up to 29 steps back (forget-gate bias)?"
            )
        below = text(
            "accuracy {accuracy:.3f} on held-out sequences, below the required {threshold}.",
            accuracy=accuracy,
            threshold=THRESHOLD,
        )
        raise GradingFailure(
            text("{message} {hint}", message=below, hint=text(hint)) if hint else below
        )
    seconds, n = outcome["seconds"], len(y)
    request.node.user_properties.append(
        (
            "detail",
            {
                "en": f"accuracy {accuracy:.3f} on {n:,} held-out sequences; trained in {seconds:.1f} s",
                "zh": f"在 {n} 条留出序列上准确率 {accuracy:.3f}；训练用时 {seconds:.1f} 秒",
            },
        )
    )
