"""The code that runs inside the grading box: the fork server and the learner's run.

Everything here is imported two ways: by the trusted side as
``lstm_quiz.grading.box`` (for the shared wire protocol) and, inside the box,
as a top-level package ``box`` from a read-only copy of this folder. So these
modules import only the standard library (NumPy lazily) and each other,
relatively; never ``lstm_quiz``.
"""
