"""The shared template cache: a second app reuses compiled code; an edited template is new code."""

from __future__ import annotations

from typing import Any

from jinja2 import DictLoader, Environment

from web.template_cache import SharedTemplateCode


class CountingEnvironment(Environment):
    """Counts how often Jinja compiles a template source."""

    compiled = 0

    def compile(self, *args: Any, **kwargs: Any) -> Any:
        CountingEnvironment.compiled += 1
        return super().compile(*args, **kwargs)


def _env(cache: SharedTemplateCode, source: str) -> CountingEnvironment:
    return CountingEnvironment(loader=DictLoader({"side.html": source}), bytecode_cache=cache)


def test_a_second_environment_reuses_the_code_and_an_edit_is_compiled_again() -> None:
    cache = SharedTemplateCode()
    CountingEnvironment.compiled = 0
    first = _env(cache, "Hei {{ navn }}").get_template("side.html").render(navn="Ibestad")
    second = _env(cache, "Hei {{ navn }}").get_template("side.html").render(navn="Salangen")
    assert (first, second, CountingEnvironment.compiled) == ("Hei Ibestad", "Hei Salangen", 1)

    edited = _env(cache, "Hallo {{ navn }}!").get_template("side.html").render(navn="Lavangen")
    assert (edited, CountingEnvironment.compiled) == ("Hallo Lavangen!", 2)

    cache.clear()
    _env(cache, "Hallo {{ navn }}!").get_template("side.html")
    assert CountingEnvironment.compiled == 3


def test_the_app_uses_the_shared_cache(app: Any) -> None:
    from web import template_cache

    assert app.jinja_env.bytecode_cache is template_cache.SHARED
