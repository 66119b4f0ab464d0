"""Saving a node of a treebeard materialised-path tree at its place.

The unit tree (people) and the question categories (assessments) follow one
rule: a new node goes under its parent, or becomes a root; a saved node whose
parent changed moves there with its whole subtree, kept in name order.
"""

from typing import TypeVar

from django.db import transaction
from treebeard.mp_tree import MP_Node

Node = TypeVar("Node", bound=MP_Node)


@transaction.atomic
def tree_node_save(*, node: Node, parent: Node | None) -> Node:
    """Create or update `node` under `parent` (None: at the top level)."""
    model = type(node)
    if node.pk is None:
        if parent is None:
            return model.add_root(instance=node)
        return parent.add_child(instance=node)
    current_parent = node.get_parent(update=True)
    node.save()
    if parent != current_parent:
        if parent is None:
            node.move(model.get_first_root_node(), "sorted-sibling")
        else:
            node.move(parent, "sorted-child")
        node.refresh_from_db()
    return node
