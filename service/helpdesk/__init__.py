"""Helpdesk edges: vendor ticket payloads in, drafts and notes back out.

Each vendor module maps that vendor's public API responses to the contract's ``DraftRequest``;
the pipeline never learns which helpdesk it serves.
"""
