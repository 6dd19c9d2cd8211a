"""``/beneficiaries/<id>``: a beneficiary as training knows them (opaque id, anonymous
attributes, consent to case management, erasure)."""

from services.training.adapters.tables import beneficiaries
from shared.beneficiary_projection.api import blueprint
from shared.roles import TRAINING_STAFF

blp = blueprint(beneficiaries, TRAINING_STAFF)
