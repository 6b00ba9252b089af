import pytest


@pytest.fixture
def index(db):
    from tests import factories

    return factories.event_index()
