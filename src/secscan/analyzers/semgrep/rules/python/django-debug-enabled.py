import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

# ruleid: python.django.debug-enabled
DEBUG = True

# ok: python.django.debug-enabled
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"

# ok: python.django.debug-enabled
TEMPLATE_DEBUG = True

ALLOWED_HOSTS = ["example.com"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
]

ROOT_URLCONF = "mysite.urls"


class Config:
    # ok: python.django.debug-enabled
    debug = True
