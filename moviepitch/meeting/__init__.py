"""The pitch meeting: owners talk a pitch over with the Movie Boss, apply what they agree, keep every version.

messages (the conversation in the database), prompts (what the model is asked, and the JSON shape of its answer),
turns (one turn: the history, the call, the reply streamed into a draft, the proposals read), proposals (reading
and checking a proposal), applying (apply, reject, undo), diffs (word diffs, sentences, a change kept to one
passage) and summary (older turns summarised once the history runs past its budget).

Imports go one way: the views use this package; it uses the store, the providers and the chain's modules.
"""
