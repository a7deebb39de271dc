"""Shared fixtures and hypothesis profiles (``ci`` is thorough, ``dev`` quick)."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings
from tiny import tiny_kb

from cramps import KnowledgeBase

settings.register_profile("ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The tiny synthetic knowledge base of tests/tiny.py."""
    return tiny_kb()
