"""Wirebench's protocols and scenarios for Python and Locust.

Standard library only, except the modules that meet Locust itself (wirebenchuser,
scenariouser, locustversion, workertally), which import it.
"""
