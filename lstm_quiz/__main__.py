from lstm_quiz.cli import main

raise SystemExit(main())
