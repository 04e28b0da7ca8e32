"""What a class needs beyond the interactives: quizzes, session clocks, the
instructor guide and notebook conveniences, with their data."""
