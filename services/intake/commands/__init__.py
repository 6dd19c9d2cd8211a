"""Intake's operator commands (``vidnova intake <command>``), each given intake's runtime."""

from services.intake.commands.imports import import_file
from services.intake.commands.keys import rotate_keys
from services.intake.commands.regions import resolve_regions_command
from shared.service import ServiceCommand

COMMANDS = {
    "rotate-keys": ServiceCommand("re-wrap all data keys under the current master key",
                                  rotate_keys),
    "resolve-regions": ServiceCommand("read every active beneficiary's region again from their "
                                      "sealed mailing state; counts only", resolve_regions_command),
    "import": ServiceCommand("register beneficiaries from an HTCDS .xlsx or .csv file",
                             import_file, top_level=True),
}
