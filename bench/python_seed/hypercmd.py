"""A faithful re-creation of the seed's Python design, as a benchmark baseline.

The `@command` decorator reads each function's `inspect.signature`, a
lock-guarded dict is the registry, a hand-written loop parses arguments, and
`asyncio.run(run_command(...))` runs the command: the design that
`hyperdjango.commands` describes and hyper replaces.
"""
import asyncio
import inspect
import sys
import threading
from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass
class ArgDefinition:
    name: str
    type: type
    default: Any = None
    help: str = ""
    required: bool = False
    is_flag: bool = False


@dataclass
class CommandDefinition:
    name: str
    help: str
    func: Callable
    args: list = field(default_factory=list)


_registry: dict = {}
_lock = threading.Lock()


def command(name=None, help=""):
    def decorate(func):
        args = []
        for parameter in inspect.signature(func).parameters.values():
            annotation = parameter.annotation if parameter.annotation is not inspect.Parameter.empty else str
            required = parameter.default is inspect.Parameter.empty
            args.append(ArgDefinition(
                name=parameter.name,
                type=annotation,
                default=None if required else parameter.default,
                required=required and annotation is not bool,
                is_flag=annotation is bool,
            ))
        definition = CommandDefinition(name=name or func.__name__, help=help, func=func, args=args)
        with _lock:
            _registry[definition.name] = definition
        return func
    return decorate


def get_command(name):
    with _lock:
        return _registry.get(name)


def _parse(definition, argv):
    values = {arg.name: (False if arg.is_flag and arg.default is None else arg.default) for arg in definition.args}
    by_option = {"--" + arg.name.replace("_", "-"): arg for arg in definition.args}
    given = set()
    positionals = []
    index = 0
    while index < len(argv):
        word = argv[index]
        index += 1
        if not word.startswith("--"):
            positionals.append(word)
            continue
        name, _, inline = word.partition("=")
        arg = by_option.get(name)
        if arg is None:
            raise ValueError(f"Unknown argument: {name}")
        if arg.is_flag:
            values[arg.name] = True if not inline else inline == "true"
        else:
            if not inline:
                if index >= len(argv):
                    raise ValueError(f"Missing value for {name}")
                inline = argv[index]
                index += 1
            try:
                values[arg.name] = arg.type(inline)
            except ValueError:
                raise ValueError(f"Invalid value for {name}: expected {arg.type.__name__}, got '{inline}'")
        given.add(arg.name)
    free = [arg for arg in definition.args if not arg.is_flag and arg.name not in given]
    for word in positionals:
        if not free:
            raise ValueError("Too many positional arguments")
        arg = free.pop(0)
        values[arg.name] = arg.type(word)
        given.add(arg.name)
    for arg in definition.args:
        if arg.required and arg.name not in given:
            raise ValueError(f"Missing required argument: --{arg.name.replace('_', '-')}")
    return values


async def run_command(name, argv):
    definition = get_command(name)
    if definition is None:
        print(f"Unknown command: {name}", file=sys.stderr)
        return 2
    try:
        values = _parse(definition, argv)
    except ValueError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    try:
        result = definition.func(**values)
        if inspect.isawaitable(result):
            await result
    except Exception as error:
        print(f"Command '{name}' failed: {error}", file=sys.stderr)
        return 1
    return 0


def main():
    if len(sys.argv) < 2 or sys.argv[1] in ("-h", "--help"):
        with _lock:
            for name in sorted(_registry):
                print(f"  {name}  {_registry[name].help}")
        return 0
    return asyncio.run(run_command(sys.argv[1], sys.argv[2:]))
