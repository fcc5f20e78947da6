"""The studio: the knobs of a completion, models chosen by what they cost, usage and cost, likes, fine-tuning.

Imports go one way: views and the CLI use the studio; the studio uses the store and the providers.
"""
