"""A process's own bounded memory (lms.memory): the least recently used goes first."""

from lms.memory import ProcessMemory


def test_the_least_recently_used_entry_goes_first():
    memory = ProcessMemory(size=2)
    memory.put("a", 1)
    memory.put("b", 2)
    assert memory.get("a") == 1  # "a" used again: "b" is now the oldest

    memory.put("c", 3)

    assert memory.get("b") is None
    assert (memory.get("a"), memory.get("c")) == (1, 3)
    assert len(memory) == 2


def test_get_or_make_makes_once():
    memory = ProcessMemory(size=4)
    made = []

    def make():
        made.append(1)
        return "value"

    assert memory.get_or_make("k", make) == "value"
    assert memory.get_or_make("k", make) == "value"
    assert made == [1]
    memory.clear()
    assert memory.get("k") is None
