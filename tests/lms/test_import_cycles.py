"""No two modules of an app import each other.

import-linter keeps the apps in their layers; this keeps the modules inside an
app in order. A cycle counts even when one side imports inside a function: a
service that needs background work sends a signal and the task module, which
imports the services, queues the task on it (DESIGN.md, docs/architecture.md).
grimp is the graph library import-linter is built on.
"""

import grimp
import pytest

APPS_WITH_TASKS = ["people", "assessments", "courses"]


def modules_in_a_cycle_with(graph, module: str) -> set[str]:
    """Modules that `module` imports, directly or not, and that import it back."""
    return graph.find_upstream_modules(module) & graph.find_downstream_modules(module)


@pytest.mark.parametrize("app", APPS_WITH_TASKS)
def test_tasks_and_the_services_they_wrap_do_not_import_each_other(app):
    graph = grimp.build_graph(app, cache_dir=None)

    assert modules_in_a_cycle_with(graph, f"{app}.tasks") == set()


def test_people_modules_import_no_cycle():
    graph = grimp.build_graph("people", cache_dir=None)

    cycles = {
        module: sorted(modules_in_a_cycle_with(graph, module))
        for module in graph.modules
        if modules_in_a_cycle_with(graph, module)
    }

    assert cycles == {}


def test_the_account_import_package_keeps_reads_and_parsing_below_writes():
    """parsing is pure and the reads never reach the writes."""
    graph = grimp.build_graph("people", cache_dir=None)

    for module in ("parsing", "selectors", "template", "checking"):
        assert not graph.chain_exists(
            importer=f"people.account_import.{module}",
            imported="people.account_import.services",
        ), module
    assert not graph.chain_exists(
        importer="people.account_import.parsing", imported="people.selectors"
    )


@pytest.mark.parametrize(
    "models, views",
    [
        ("courses.models.pages", "courses.views"),
        ("content_pages.models.library", "content_pages.views.library"),
    ],
)
def test_page_models_never_import_the_views_that_serve_them(models, views):
    """Pages hand a request to their view through a view the app gives the page
    class in ready(), not through an import."""
    graph = grimp.build_graph(models.split(".")[0], cache_dir=None)

    assert not graph.chain_exists(importer=models, imported=views)
