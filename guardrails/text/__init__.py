"""The text layer shared by the pipeline, the guardrails and the offline drafter.

One module per thing computed from customer or article text (how to address the customer,
their mood, sentences written for agents, acronyms), so the prompt, the offline draft and the
checks never disagree. Sentence splitting and content terms live in ``guardrails.sentences``
and ``guardrails.terms``.
"""
