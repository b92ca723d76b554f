"""The coding face's core: a learner's timed attempts at the exercises.

It joins the three packages below it: `exercises` (what a task is and where
its files live), `grading` (the sealed run and its verdict) and `review`
(the progress store). The exercise screen, `exercise --watch` and the
picker are thin over it, as the practice faces are over `session`. The
arrows point one way: `exercises` imports neither grading nor the store,
and `grading` needs only the exercise model (tests/test_layers.py).
"""
