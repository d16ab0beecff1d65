"""The text layer shared by the pipeline, the guardrails and the offline drafter.

One module per thing computed from customer or article text (how to address the customer,
their mood, sentences written for agents, acronyms, shared negative forms), so the prompt, the
offline draft and the checks never disagree. Sentence splitting, content terms and Japanese
character classes live in ``guardrails.sentences``, ``guardrails.terms`` and
``guardrails.language``.
"""
