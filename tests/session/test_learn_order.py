"""Learn new: new questions by the bank's learn_order (topics.yaml), then difficulty, not at random."""

from __future__ import annotations

from lstm_quiz.bank.loader import check_paths
from lstm_quiz.paths import shipped_bank_dir
from lstm_quiz.session.context import Practice
from lstm_quiz.session.queue import Filters, build_queue

from .helpers import NOW, small_bank


def test_new_questions_come_topic_by_topic_then_easy_first(practice: Practice) -> None:
    bank = small_bank()
    rank = bank.vocabulary.topic_rank()
    assert rank["lstm_architecture"] < rank["code_reading"]  # the shipped learn_order
    queues = [
        build_queue("learn", bank, practice.store, Filters(count=50, seed=seed), NOW)
        for seed in (1, 2, 3)
    ]
    assert queues[0] == queues[1] == queues[2]  # the seed no longer reorders them
    keys = [(rank[q.topic], q.difficulty) for q in queues[0]]
    assert keys == sorted(keys)
    assert len(queues[0]) == len(bank.questions)


def test_every_shipped_topic_has_its_place_in_the_learn_order() -> None:
    vocabulary = check_paths([shipped_bank_dir()]).vocabulary
    order = list(vocabulary.learn_order)
    assert set(vocabulary.topics) <= set(order), set(vocabulary.topics) - set(order)
    assert order[0] == "rnn_basics" and order[-1] == "modern_context"
    assert order.index("calculations") < order.index("modern_context")
