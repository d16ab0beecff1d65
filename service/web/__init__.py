"""The browser pages the app serves itself: the review page and the auditor view."""
