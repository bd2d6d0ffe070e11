"""Business rules. Services take and return plain values and models, never Flask request
objects; views and tasks call them. A service that changes data commits its own unit of
work and enqueues follow-up tasks only after the commit."""
