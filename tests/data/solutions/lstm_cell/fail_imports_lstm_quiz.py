# expect: lstm_quiz cannot be imported by a solution
from lstm_quiz.paths import shipped_exercises_dir


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    return shipped_exercises_dir()
