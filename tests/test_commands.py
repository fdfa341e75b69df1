import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_ensure_admin_creates_the_default_login_once(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)

    call_command("ensure_admin")
    call_command("ensure_admin")

    [admin] = get_user_model().objects.all()
    assert admin.username == "admin" and admin.is_superuser and admin.check_password("admin")


def test_ensure_admin_uses_the_given_password(monkeypatch):
    monkeypatch.setenv("ADMIN_USERNAME", "curator")
    monkeypatch.setenv("ADMIN_PASSWORD", "a-strong-password-9")

    call_command("ensure_admin")

    assert get_user_model().objects.get(username="curator").check_password("a-strong-password-9")


def test_ensure_admin_never_uses_the_default_password_in_production(settings, monkeypatch, capsys):
    settings.DEBUG = False
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)

    call_command("ensure_admin")

    assert not get_user_model().objects.exists()
    assert "set ADMIN_PASSWORD" in capsys.readouterr().out
