"""``/beneficiaries/<id>``: a beneficiary as grants knows them (opaque id, anonymous
attributes, consent to case management, erasure)."""

from services.grants.handlers import known_beneficiary
from shared.beneficiary_projection.api import blueprint
from shared.roles import GRANT_STAFF

blp = blueprint(known_beneficiary, GRANT_STAFF)
