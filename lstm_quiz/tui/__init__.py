"""The practice TUI (Textual). Start it with `launch.run_practice(args)`.

Screens are thin: every decision is made in `lstm_quiz.session`, which has
no Textual import and which tests and the plain mode use directly.
"""
