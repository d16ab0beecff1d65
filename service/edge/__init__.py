"""What the service checks at its edge, before a request reaches a route."""
