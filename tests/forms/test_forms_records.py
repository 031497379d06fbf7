"""rdv_forms.records behaves like `@dataclass(frozen=True)` for every call rdv_forms makes.

Each case builds the same declaration twice, once as a record and once as a frozen
dataclass, makes the same call on both and expects the same outcome: the same fields, or
the same kind of error.
"""

import dataclasses

import pytest
from rdv_forms import records


def declare(decorator, field, size: int):
    """A class of `size` fields; from the second on, each has a default."""
    namespace = {"__annotations__": {}}
    for index in range(size):
        name = f"f{index}"
        namespace["__annotations__"][name] = "object"
        if index == size - 1 and size > 3:
            namespace[name] = field(default_factory=list)
        elif index:
            namespace[name] = index * 10
    return decorator(type(f"Class{size}", (), namespace))


FLAVOURS = {
    "record": (records.record, records.field, records.fields),
    "dataclass": (dataclasses.dataclass(frozen=True), dataclasses.field, dataclasses.fields),
}

# (number of fields, positional values, keyword values)
CALLS = [
    (0, (), {}),
    (0, (1,), {}),
    (0, (), {"f0": 1}),
    (1, (1,), {}),
    (1, (), {"f0": 1}),
    (1, (), {}),
    (1, (1, 2), {}),
    (1, (1,), {"f0": 2}),
    (1, (1,), {"other": 2}),
    (2, (1,), {}),
    (2, (1, 2), {}),
    (2, (), {"f0": 1, "f1": 2}),
    (2, (1,), {"f1": 2}),
    (2, (), {"f1": 2}),
    (2, (1, 2, 3), {}),
    (3, (1,), {}),
    (3, (1, 2), {}),
    (3, (1, 2, 3), {}),
    (3, (1,), {"f2": 3}),
    (3, (), {"f0": 1}),
    (5, (1,), {}),
    (5, (1, 2, 3, 4, [5]), {}),
    (5, (1,), {"f4": [5], "f3": 4}),
    (5, (), {"f1": 2}),
    (5, (1,), {"f9": 2}),
]


def outcome(flavour: str, size: int, args: tuple, kwargs: dict):
    decorator, field, fields = FLAVOURS[flavour]
    cls = declare(decorator, field, size)
    try:
        made = cls(*args, **kwargs)
    except TypeError:
        return TypeError
    return {f.name: getattr(made, f.name) for f in fields(made)}


@pytest.mark.parametrize(("size", "args", "kwargs"), CALLS)
def test_construction_matches_dataclasses(size, args, kwargs):
    assert outcome("record", size, args, kwargs) == outcome("dataclass", size, args, kwargs)


# Inheritance: (base fields, subclass fields, positional values, keyword values); a field
# maps to its default, REQUIRED when it has none.
REQUIRED = object()
INHERITANCE = [
    ({"a": REQUIRED}, {"b": 2}, (1,), {}),
    ({"a": REQUIRED, "b": 1}, {"c": 3}, (1, 2, 3), {}),
    ({"a": REQUIRED, "b": 1}, {"c": 3}, (1,), {"c": 4}),
    ({"a": REQUIRED, "b": 1}, {"b": 5}, (1,), {}),  # declared again: same place, new default
    ({"a": REQUIRED}, {"a": 7}, (), {}),
    ({"a": REQUIRED, "b": 1}, {"c": 3, "d": 4}, (1,), {"d": 0}),  # more than 3: general path
    ({"a": REQUIRED}, {"b": 2}, (1, 2, 3), {}),
    ({"a": 1}, {"b": REQUIRED}, (1, 2), {}),  # without a default after one with: refused
    ({}, {"a": REQUIRED}, (1,), {}),
]


def declare_subclass(decorator, base_fields: dict, own_fields: dict) -> type:
    def namespace(declared: dict) -> dict:
        values = {name: value for name, value in declared.items() if value is not REQUIRED}
        return {"__annotations__": dict.fromkeys(declared, "object"), **values}

    base = decorator(type("Base", (), namespace(base_fields)))
    return decorator(type("Sub", (base,), namespace(own_fields)))


def inherited_outcome(flavour: str, base_fields, own_fields, args, kwargs):
    decorator, _, fields = FLAVOURS[flavour]
    try:
        cls = declare_subclass(decorator, base_fields, own_fields)
    except TypeError:
        return "refused"
    try:
        made = cls(*args, **kwargs)
    except TypeError:
        return TypeError
    return [(f.name, getattr(made, f.name)) for f in fields(made)]


@pytest.mark.parametrize(("base_fields", "own_fields", "args", "kwargs"), INHERITANCE)
def test_inheritance_matches_dataclasses(base_fields, own_fields, args, kwargs):
    expected = inherited_outcome("dataclass", base_fields, own_fields, args, kwargs)
    assert inherited_outcome("record", base_fields, own_fields, args, kwargs) == expected


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_subclass_is_its_own_record(flavour):
    decorator, _, _ = FLAVOURS[flavour]
    sub = declare_subclass(decorator, {"a": REQUIRED}, {"b": 2})
    (base,) = sub.__bases__
    assert sub(1) == sub(1, 2) and hash(sub(1)) == hash(sub(1, 2))
    assert sub(1) != base(1) and base(1) != sub(1)
    assert repr(sub(1)).endswith("Sub(a=1, b=2)")
    assert base(1).__dict__ == {"a": 1}


def test_the_answers_share_their_names_through_a_base_record():
    from rdv_forms import answers

    shared = ["civilite", "nom", "prenom"]
    for cls in (answers.Personne, answers.Temoin, answers.Avocat):
        assert [f.name for f in records.fields(cls)][:3] == shared
        assert records.fields(cls)[:3] == records.fields(answers.Identite)


def test_default_factories_make_a_new_value_each_time():
    cls = declare(records.record, records.field, 5)
    assert cls(1).f4 == [] and cls(1).f4 is not cls(1).f4


@records.record
class Run:
    text: str
    style: str = ""
    note: object = records.field(default=None, compare=False, repr=False)


@records.record
class Other:
    text: str
    style: str = ""


@pytest.mark.parametrize(
    ("left", "right", "equal"),
    [
        (Run("a"), Run("a"), True),
        (Run("a"), Run("a", ""), True),
        (Run("a", note=1), Run("a", note=2), True),  # compare=False
        (Run("a"), Run("b"), False),
        (Run("a", "em"), Run("a"), False),
        (Run("a"), Other("a"), False),  # only the same class
        (Run("a"), ("a", ""), False),
    ],
)
def test_equality_and_hash(left, right, equal):
    assert (left == right) is equal
    if equal:
        assert hash(left) == hash(right)


def test_repr_shows_the_fields_in_order_except_repr_false():
    assert repr(Run("a", "em", note="hidden")) == "Run(text='a', style='em')"


@pytest.mark.parametrize(
    "change", [lambda r: setattr(r, "text", "b"), lambda r: delattr(r, "text")]
)
def test_records_are_frozen(change):
    run = Run("a")
    with pytest.raises(records.FrozenInstanceError):
        change(run)
    assert run.text == "a"


def test_fields_replace_and_is_record():
    run = Run("a", "em")
    assert [f.name for f in records.fields(Run)] == ["text", "style", "note"]
    assert records.fields(run) == records.fields(Run)
    assert records.replace(run, style="strong") == Run("a", "strong")
    assert run.style == "em"
    assert records.is_record(Run) and records.is_record(run)
    assert not records.is_record(object()) and not records.is_record(int)
    with pytest.raises(TypeError):
        records.fields(object())
    with pytest.raises(TypeError):
        records.replace(run, colour="red")


def test_plain_defaults_stay_readable_on_the_class():
    assert Run.style == "" and Run.note is None


def test_metadata_is_read_only():
    @records.record
    class WithSpec:
        name: str = records.field(default="", metadata={"spec": "NAME"})

    (spec,) = records.fields(WithSpec)
    assert spec.metadata["spec"] == "NAME"
    with pytest.raises(TypeError):
        spec.metadata["spec"] = "other"


@pytest.mark.parametrize(
    ("declare_bad", "error"),
    [
        # a field without a default after one with a default
        (lambda: records.record(type("Bad", (), {"__annotations__": {"a": "int", "b": "int"},
                                                 "a": 1})), TypeError),
        # a mutable default, which every instance would share
        (lambda: records.record(type("Bad", (), {"__annotations__": {"a": "list"}, "a": []})),
         ValueError),
        (lambda: records.field(default=1, default_factory=int), ValueError),
    ],
)  # fmt: skip
def test_bad_declarations_are_refused_like_dataclasses(declare_bad, error):
    with pytest.raises(error):
        declare_bad()


def test_declaring_records_compiles_no_code(monkeypatch):
    """What keeps the first visit fast: dataclasses compile each class's methods, records don't."""
    import builtins

    def refuse(*args, **kwargs):
        raise AssertionError("code compiled while declaring a class")

    monkeypatch.setattr(builtins, "exec", refuse)
    monkeypatch.setattr(builtins, "compile", refuse)
    sub = declare_subclass(records.record, {"a": REQUIRED, "b": 1}, {"c": 3, "d": 4})
    assert sub(1, d=5) == sub(1, 1, 3, 5)
    with pytest.raises(AssertionError, match="code compiled"):  # the patch does catch it
        declare_subclass(dataclasses.dataclass(frozen=True), {"a": REQUIRED}, {})
