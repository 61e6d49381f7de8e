import pytest

from tests.factories import make_home, make_user


@pytest.fixture
def home(db):
    return make_home()


@pytest.fixture
def member(db):
    return make_user("member-a", member=True)


@pytest.fixture
def admin_user(db):
    return make_user("editor", superuser=True)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client
