"""``/beneficiaries/<id>``: a beneficiary as training knows them (opaque id, anonymous
attributes, consent to case management, erasure)."""

from services.training.handlers import known_beneficiary
from shared.beneficiary_projection.api import blueprint
from shared.roles import TRAINING_STAFF

blp = blueprint(known_beneficiary, TRAINING_STAFF)
