"""The question bank: typed models, loading with located validation, selection.

Domain code only: nothing here imports a user interface (textual) or torch.

    from lstm_quiz.bank.loader import load_bank
    bank = load_bank()            # the shipped bank; raises BankError listing every problem
"""
