"""Model backends behind one interface: ``litellm`` for every provider, and ``offline``."""
