"""Frozen records: the part of `dataclasses` that rdv_forms uses, without generated code.

`dataclasses` writes the source of each class's `__init__`, `__eq__`, `__repr__`… and
compiles it when the class is defined. Compiling is slow in WebAssembly: in the browser,
rdv_forms' 32 classes took 0.2 s of every first visit, three quarters of its import (see
README, "Speed and size"). A record's methods are shared functions that read the class's
field table instead, so defining one compiles nothing.

Declarations are the ones `@dataclass(frozen=True)` takes, and behave the same way:

    @record
    class Text:
        text: str
        style: str = ""
        notes: tuple[str, ...] = field(default=(), metadata={"help": "…"})

Fields come from the record bases' fields, then the class's own annotations, in order (a
field declared again keeps its place and takes the new declaration), as with dataclasses: a
record can extend another one, so `Personne`, `Temoin` and `Avocat` share their civilité and
names. A field without a default cannot follow one with a default; instances are immutable,
compare equal field by field (and only to the same class), hash, and show their fields in
`repr` (`field(compare=False, repr=False)` leaves one out). `fields`, `replace` and
`is_record` stand in for their `dataclasses` namesakes.

`record` is declared with `typing.dataclass_transform`, so type checkers read a record's
fields, its `__init__` and its immutability as they would a frozen dataclass's.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
_NO_METADATA: Mapping[str, Any] = MappingProxyType({})


class FrozenInstanceError(AttributeError):
    """Raised on an attempt to change or delete a record's field."""


class Field:
    """One field of a record: its name, its default (or default factory), its metadata."""

    __slots__ = ("compare", "default", "default_factory", "metadata", "name", "repr")

    def __init__(
        self,
        default: Any = MISSING,
        default_factory: Callable[[], Any] | Any = MISSING,
        metadata: Mapping[str, Any] | None = None,
        compare: bool = True,
        repr: bool = True,
    ):
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError("a field cannot have both a default and a default_factory")
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.metadata = MappingProxyType(dict(metadata)) if metadata else _NO_METADATA
        self.compare = compare
        self.repr = repr

    def __repr__(self) -> str:
        return f"Field(name={self.name!r}, default={self.default!r})"


def field(
    *,
    default: Any = MISSING,
    default_factory: Callable[[], Any] | Any = MISSING,
    metadata: Mapping[str, Any] | None = None,
    compare: bool = True,
    repr: bool = True,
) -> Any:
    """A field with a default, a default factory (for mutable values) or metadata.

    `compare=False` leaves it out of equality and hashing, `repr=False` out of `repr`.
    """
    return Field(default, default_factory, metadata, compare, repr)


class _Table:
    """What the shared methods need to know about one record class."""

    __slots__ = ("compared", "defaults", "factories", "fields", "names", "shown")

    def __init__(self, fields: tuple[Field, ...]):
        self.fields = fields
        self.names = tuple(f.name for f in fields)
        self.compared = tuple(f.name for f in fields if f.compare)
        self.shown = tuple(f.name for f in fields if f.repr)
        self.defaults = {f.name: f.default for f in fields if f.default is not MISSING}
        self.factories = {
            f.name: f.default_factory for f in fields if f.default_factory is not MISSING
        }


_set = object.__setattr__  # past the frozen __setattr__


def _given(*values: Any) -> tuple[Any, ...]:
    """The positional values up to the first one left out."""
    return values[: values.index(MISSING)] if MISSING in values else values


def _make_init(cls: type, table: _Table) -> Callable[..., None]:
    """The class's `__init__`, a closure over its field table.

    Documents create tens of thousands of records of one to three fields (runs of text,
    paragraphs), as fast as dataclasses' generated code would: positional values and
    plain defaults take a straight line of `object.__setattr__`. Anything else (keyword
    arguments, factories, more fields) takes the general path.
    """
    general = _general_init(cls, table)
    names = table.names
    if table.factories or len(names) > 3:
        return general
    n0, n1, n2 = (*names, "", "", "")[:3]
    # The first value is always given on the fast path: only the others need defaults.
    d1, d2 = (*(table.defaults.get(name, MISSING) for name in names[1:]), MISSING, MISSING)[:2]

    # One function per arity, each under its own name: type checkers refuse a function
    # defined with different signatures in different branches.
    init: Callable[..., None]
    if len(names) == 0:

        def init_0(self, /, **kwargs: Any) -> None:
            if kwargs:
                general(self, **kwargs)

        init = init_0

    elif len(names) == 1:

        def init_1(self, v0: Any = MISSING, /, **kwargs: Any) -> None:
            if kwargs or v0 is MISSING:
                return general(self, *_given(v0), **kwargs)
            _set(self, n0, v0)

        init = init_1

    elif len(names) == 2:

        def init_2(self, v0: Any = MISSING, v1: Any = MISSING, /, **kwargs: Any) -> None:
            if kwargs or v0 is MISSING or (v1 is MISSING and d1 is MISSING):
                return general(self, *_given(v0, v1), **kwargs)
            _set(self, n0, v0)
            _set(self, n1, d1 if v1 is MISSING else v1)

        init = init_2

    else:

        def init_3(
            self, v0: Any = MISSING, v1: Any = MISSING, v2: Any = MISSING, /, **kwargs: Any
        ) -> None:
            if (
                kwargs
                or v0 is MISSING
                or (v1 is MISSING and d1 is MISSING)
                or (v2 is MISSING and d2 is MISSING)
            ):
                return general(self, *_given(v0, v1, v2), **kwargs)
            _set(self, n0, v0)
            _set(self, n1, d1 if v1 is MISSING else v1)
            _set(self, n2, d2 if v2 is MISSING else v2)

        init = init_3

    init.__name__ = "__init__"
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _general_init(cls: type, table: _Table) -> Callable[..., None]:
    names, defaults, factories = table.names, table.defaults, table.factories
    known = frozenset(names)
    count = len(names)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if len(args) > count:
            raise TypeError(
                f"{cls.__name__}() takes {count} positional arguments, {len(args)} given"
            )
        values = dict(defaults)
        values.update(zip(names, args, strict=False))  # fewer values than names: the defaults
        if kwargs:
            for name in kwargs:
                if name not in known:
                    raise TypeError(f"{cls.__name__}() got an unexpected keyword argument {name!r}")
                if name in names[: len(args)]:
                    raise TypeError(f"{cls.__name__}() got multiple values for argument {name!r}")
            values.update(kwargs)
        for name, factory in factories.items():
            if name not in values:
                values[name] = factory()
        if len(values) < count:
            missing = ", ".join(repr(name) for name in names if name not in values)
            raise TypeError(f"{cls.__name__}() missing required arguments: {missing}")
        for name in names:
            _set(self, name, values[name])

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


def _compared(self) -> tuple[Any, ...]:
    return tuple(self.__dict__[name] for name in type(self).__record__.compared)


def _eq(self, other: object) -> bool:
    if type(other) is not type(self):
        return NotImplemented
    return _compared(self) == _compared(other)


def _hash(self) -> int:
    return hash(_compared(self))


def _repr(self) -> str:
    shown = ", ".join(f"{name}={self.__dict__[name]!r}" for name in type(self).__record__.shown)
    return f"{type(self).__qualname__}({shown})"


def _frozen(self, name: str, *value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r} of a frozen record")


@dataclass_transform(frozen_default=True, field_specifiers=(field, Field))
def record(cls: type[T]) -> type[T]:
    """Make `cls` a frozen record (see the module's docstring)."""
    # Bases first, the farthest first, each table already holding its own bases' fields.
    specs: dict[str, Field] = {}
    for base in cls.__mro__[-2:0:-1]:  # neither `object` nor `cls` itself
        table = base.__dict__.get("__record__")
        if isinstance(table, _Table):
            specs.update((spec.name, spec) for spec in table.fields)
    for name in inspect.get_annotations(cls):
        value = cls.__dict__.get(name, MISSING)
        spec = value if isinstance(value, Field) else Field(default=value)
        spec.name = name
        if isinstance(spec.default, (list, dict, set)):
            raise ValueError(f"{cls.__name__}.{name}: a mutable default needs default_factory")
        specs[name] = spec  # a field declared again keeps its place, as with dataclasses
        # A plain default stays readable on the class, as with dataclasses.
        if isinstance(value, Field):
            if spec.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, spec.default)
    follows_default = False
    for spec in specs.values():
        has_default = spec.default is not MISSING or spec.default_factory is not MISSING
        if follows_default and not has_default:
            raise TypeError(
                f"{cls.__name__}: field {spec.name!r} without a default follows one with"
            )
        follows_default = follows_default or has_default
    table = _Table(tuple(specs.values()))
    target: Any = cls  # type checkers know none of these attributes on a class
    target.__record__ = table
    setattr(cls, "__match_args__", table.names)  # noqa: B010 - mypy refuses an assignment
    target.__init__ = _make_init(cls, table)
    target.__eq__ = _eq
    target.__hash__ = _hash
    target.__repr__ = _repr
    target.__setattr__ = _frozen
    target.__delattr__ = _frozen
    return cls


def is_record(value: object) -> bool:
    """Whether `value` is a record class or an instance of one."""
    cls = value if isinstance(value, type) else type(value)
    return isinstance(cls.__dict__.get("__record__"), _Table)


def fields(value: object) -> tuple[Field, ...]:
    """The fields of a record class or instance, in declaration order."""
    if not is_record(value):
        raise TypeError(f"{value!r} is not a record")
    cls = value if isinstance(value, type) else type(value)
    table: _Table = cls.__dict__["__record__"]
    return table.fields


def replace(value: T, **changes: Any) -> T:
    """A copy of the record `value` with some fields changed."""
    if not is_record(value) or isinstance(value, type):
        raise TypeError(f"{value!r} is not a record instance")
    return type(value)(**{**value.__dict__, **changes})
