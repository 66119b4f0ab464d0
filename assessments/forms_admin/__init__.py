"""Forms of the assessments back office, one module per concern: the shared
fields, categories and questions (with an editor per question type), quizzes
and their slots, and grading."""
