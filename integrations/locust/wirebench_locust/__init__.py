"""Wirebench's protocols and scenarios for Python and Locust.

Standard library only, except `wirebench_locust.users`, which needs Locust.
"""
