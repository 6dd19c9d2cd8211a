"""The Blueprint every service's API is made of: flask-smorest's, reading bodies with the
platform's parser (``request_bodies``), so a body that cannot be read is a 400 in every
service alike."""

from __future__ import annotations

from flask_smorest import Blueprint as SmorestBlueprint

from shared.web.request_bodies import PlatformParser


class Blueprint(SmorestBlueprint):
    ARGUMENTS_PARSER = PlatformParser()
