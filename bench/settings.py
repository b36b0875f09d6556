"""The production settings plus one bare view: the framework's own ceiling for the HTTP benchmark."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
