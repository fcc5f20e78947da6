"""The chain: the steps that turn an idea into a pitch, their prompts, and how their answers are read."""
