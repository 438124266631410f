import jinja2
from jinja2 import Environment, FileSystemLoader, select_autoescape


def vulnerable():
    # ruleid: python.jinja2.autoescape-disabled
    env = jinja2.Environment(loader=jinja2.FileSystemLoader("templates"), autoescape=False)

    # ruleid: python.jinja2.autoescape-disabled
    env2 = Environment(loader=FileSystemLoader("templates"))
    return env, env2


def safe(options):
    # ok: python.jinja2.autoescape-disabled
    env = jinja2.Environment(loader=jinja2.FileSystemLoader("templates"), autoescape=True)

    # ok: python.jinja2.autoescape-disabled
    env2 = Environment(
        loader=FileSystemLoader("templates"),
        autoescape=select_autoescape(["html", "xml"]),
    )

    # ok: python.jinja2.autoescape-disabled
    env3 = Environment(**options)
    return env, env2, env3
