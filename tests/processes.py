"""Run Django in a fresh process with a chosen environment: for what happens at start-up."""

import subprocess
import sys

from django.conf import settings


def run_django(code, **environment):
    """Run `code` after django.setup() with only `environment` (plus the settings module)."""
    env = {"DJANGO_SETTINGS_MODULE": "config.settings", "PATH": "", **environment}
    return subprocess.run(
        [sys.executable, "-c", f"import django\ndjango.setup()\n{code}"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
