"""URL building under a base path."""

from __future__ import annotations

import pytest

from generator.core.urls import InvalidBaseUrl, Urls, output_file


def test_subpath_prefixes_every_route() -> None:
    urls = Urls("https://example.org/guide")
    assert urls.base_path == "/guide/"
    assert urls.path("") == "/guide/"
    assert urls.path("exercises/goblet-squat/") == "/guide/exercises/goblet-squat/"
    assert urls.absolute("feed.xml") == "https://example.org/guide/feed.xml"


def test_root_base() -> None:
    urls = Urls("https://example.org/")
    assert urls.path("muscles/") == "/muscles/"
    assert urls.absolute("") == "https://example.org/"


def test_routes_are_percent_encoded() -> None:
    assert Urls("https://example.org/").path("tags/a b/") == "/tags/a%20b/"


@pytest.mark.parametrize("bad", ["example.org", "ftp://example.org/", "/guide/"])
def test_base_url_must_be_absolute_http(bad: str) -> None:
    with pytest.raises(InvalidBaseUrl):
        Urls(bad)


def test_output_files() -> None:
    assert output_file("") == "index.html"
    assert output_file("exercises/squat/") == "exercises/squat/index.html"
    assert output_file("feed.xml") == "feed.xml"
