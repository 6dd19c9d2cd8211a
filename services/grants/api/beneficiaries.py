"""``/beneficiaries/<id>``: a beneficiary as grants knows them (opaque id, anonymous
attributes, consent to case management, erasure)."""

from services.grants.adapters.tables import beneficiaries
from shared.beneficiary_projection.api import blueprint
from shared.roles import GRANT_STAFF

blp = blueprint(beneficiaries, GRANT_STAFF)
