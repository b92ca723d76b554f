# expect: 'lstm_cell' is not defined
