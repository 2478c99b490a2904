"""`marsad user add`, `marsad token create` and `marsad serve` as a user types them."""

from __future__ import annotations

from marsad.store import Store
from marsad.web import Accounts


def test_first_admin_and_a_token_from_the_cli(cli, db_path):
    result = cli("user", "add", "amina", "--role", "admin", "--password-stdin",
                 input="a long passphrase\n")
    assert result.exit_code == 0, result.output
    assert "user amina added with role admin" in result.output
    token = cli("token", "create", "amina", "--label", "nightly export").output.strip()
    assert token.startswith("msd_")
    accounts = Accounts(Store.open(str(db_path)))
    assert accounts.authenticate("amina", "a long passphrase").role == "admin"
    assert accounts.token_user(token).name == "amina"


def test_cli_errors_say_what_to_do(cli):
    short = cli("user", "add", "amina", "--role", "admin", "--password-stdin", input="short\n")
    assert short.exit_code == 1 and "at least 8 characters" in short.output
    missing = cli("token", "create", "nobody")
    assert missing.exit_code == 1 and "marsad user add nobody" in missing.output
    role = cli("user", "add", "amina", "--role", "boss", "--password-stdin", input="x" * 10)
    assert role.exit_code == 2 and "boss" in role.output


def test_serve_help(cli):
    result = cli("serve", "--help")
    assert result.exit_code == 0
    assert "--host" in result.output and "--port" in result.output
