import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "msp.settings")
application = get_wsgi_application()

# Import every view and the API's schemas now, not on the first request: under `msp serve` this
# runs once in gunicorn's master before the workers fork, so a restarted server answers its first
# pages as quickly as the rest.
from django.urls import get_resolver  # noqa: E402

_patterns = get_resolver().url_patterns
