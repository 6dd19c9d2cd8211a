"""Intake's operator commands (``vidnova intake <command>``), each given intake's runtime."""

from services.intake.commands.imports import import_file
from services.intake.commands.keys import rotate_keys
from shared.service import ServiceCommand

COMMANDS = {
    "rotate-keys": ServiceCommand("re-wrap all data keys under the current master key",
                                  rotate_keys),
    "import": ServiceCommand("register beneficiaries from an HTCDS .xlsx or .csv file",
                             import_file, top_level=True),
}
