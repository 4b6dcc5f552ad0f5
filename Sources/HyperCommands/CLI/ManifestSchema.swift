/// The JSON Schema of a manifest that this build of hyper was made with:
/// `schemas/commands.schema.json`, byte for byte, which `hyper validate
/// --schema` prints so that a project of its own can point its editor at it.
/// (SwiftPM resources would need Foundation.) Copied by hand; a test fails
/// when the two differ. To copy it again, from the repository's root:
///
///     python3 -c 'import sys; s = open("schemas/commands.schema.json").read(); h = open(sys.argv[1]).read().split("#\"\"\"\n")[0]; open(sys.argv[1], "w").write(h + "#\"\"\"\n" + s + "\n\"\"\"#\n}\n")' Sources/HyperCommands/CLI/ManifestSchema.swift
enum ManifestSchema {
    static let json = #"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "commands.schema.json",
  "title": "hyper manifest, format version 1",
  "description": "A file in commands.d/: commands with typed args, bound to a Swift handler, a program (exec) or a shell script (sh). The loader also checks what a schema cannot: values against their types by hyper's rules, placeholders against declared args, names across files, programs on disk. See docs/manifest-format.md.",
  "type": "object",
  "required": ["commands"],
  "additionalProperties": false,
  "properties": {
    "commands": {
      "description": "Command names mapped to their specs. A name is segments separated by `:` (`db:migrate`, a namespace), each a letter, then letters, digits, `-` or `_`; at most 64 characters. Its first segment is not a built-in's name.",
      "type": "object",
      "propertyNames": { "$ref": "#/$defs/commandName" },
      "additionalProperties": { "$ref": "#/$defs/command" }
    }
  },
  "$defs": {
    "commandName": {
      "type": "string",
      "maxLength": 64,
      "pattern": "^[A-Za-z][A-Za-z0-9_-]*(:[A-Za-z][A-Za-z0-9_-]*)*$",
      "not": { "enum": ["help", "list", "validate", "version", "completions"] },
      "allOf": [{ "not": { "pattern": "^(help|list|validate|version|completions):" } }]
    },
    "text": {
      "description": "Any scalar but null, read as text.",
      "type": ["string", "number", "boolean"]
    },
    "shownText": {
      "description": "Text hyper shows on the terminal (help, `deprecated`, a str default or choice): no control character other than tab and line feed, and no text-direction control (E218).",
      "$ref": "#/$defs/text",
      "pattern": "^[^\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]*$"
    },
    "command": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "help": {
          "description": "One line on what the command does; shown by `hyper --help`.",
          "$ref": "#/$defs/shownText"
        },
        "args": {
          "description": "Arg names mapped to a type name or a spec. `dry_run` is `--dry-run` on the command line.",
          "type": "object",
          "propertyNames": { "pattern": "^[a-z][a-z0-9_]*$", "not": { "const": "help" } },
          "additionalProperties": { "$ref": "#/$defs/arg" }
        },
        "handler": {
          "description": "The name of a Swift handler registered in the running binary.",
          "$ref": "#/$defs/text",
          "minLength": 1
        },
        "exec": {
          "description": "A program run directly, no shell: PROGRAM or [PROGRAM, ARG...]. `{arg}` in an ARG is replaced by the arg's value (an ARG that is exactly a list arg's `{arg}` gives one argument per value); `{{` and `}}` are literal braces. An ARG may be a condition: {if: ARG_NAME, then: ARG or [ARG...], else: ARG or [ARG...]}.",
          "oneOf": [
            { "$ref": "#/$defs/program" },
            {
              "type": "array",
              "minItems": 1,
              "prefixItems": [{ "$ref": "#/$defs/program" }],
              "items": { "anyOf": [{ "$ref": "#/$defs/element" }, { "$ref": "#/$defs/condition" }] }
            }
          ]
        },
        "sh": {
          "description": "A script run with /bin/sh -c. Values arrive only as environment variables: $HYPER_ARG_<NAME>.",
          "$ref": "#/$defs/text",
          "pattern": "\\S"
        },
        "aliases": {
          "description": "Other names that run the command, by the rules of names; unique across the project with every name.",
          "type": "array",
          "items": { "$ref": "#/$defs/commandName" },
          "uniqueItems": true
        },
        "hidden": { "description": "Runnable, but left out of the list and of completions (`hyper list --all` shows it).", "type": "boolean" },
        "group": {
          "description": "The heading the list shows the command under; groups are listed in the order they first appear.",
          "$ref": "#/$defs/shownText",
          "pattern": "\\S"
        },
        "confirm": {
          "description": "A question asked on the terminal before the command runs ([y/N]); `{arg}` is filled from the values. `hyper --yes` or HYPER_YES=1 answers yes.",
          "$ref": "#/$defs/shownText",
          "pattern": "^(?=[\\s\\S]*\\S)([^{}]|\\{\\{|\\}\\}|\\{[a-z][a-z0-9_]*\\})*$"
        },
        "dir": {
          "description": "The folder an `exec` or `sh` command runs in, relative to its project root, without `..`; relative programs are found from it.",
          "type": "string",
          "minLength": 1,
          "pattern": "^(?![/~])(?!(.*/)?\\.\\.(/|$))"
        },
        "env": {
          "description": "Variables set for an `exec` or `sh` command. A value may hold `{arg}` (an optional arg without a value leaves the variable unset), `${NAME}` from the environment hyper was started with, and `$$` for `$`; any other `$` is an error. Names are not `PWD` or `HYPER_...`.",
          "type": "object",
          "propertyNames": { "pattern": "^[A-Za-z_][A-Za-z0-9_]*$", "not": { "anyOf": [{ "pattern": "^HYPER_" }, { "const": "PWD" }] } },
          "additionalProperties": {
            "$ref": "#/$defs/text",
            "pattern": "^([^{}$]|\\{\\{|\\}\\}|\\{[a-z][a-z0-9_]*\\}|\\$\\$|\\$\\{[A-Za-z_][A-Za-z0-9_]*\\})*$"
          }
        }
      },
      "oneOf": [
        { "required": ["handler"] },
        { "required": ["exec"] },
        { "required": ["sh"] }
      ],
      "if": { "required": ["handler"] },
      "then": { "not": { "anyOf": [{ "required": ["dir"] }, { "required": ["env"] }] } }
    },
    "program": {
      "$ref": "#/$defs/text",
      "minLength": 1,
      "pattern": "^([^{}]|\\{\\{|\\}\\})*$"
    },
    "element": {
      "$ref": "#/$defs/text",
      "pattern": "^([^{}]|\\{\\{|\\}\\}|\\{[a-z][a-z0-9_]*\\})*$"
    },
    "condition": {
      "description": "Elements that apply when arg `if` is a bool that is true, or any other arg with a value (a list that is not empty); `else` applies otherwise. Conditions do not nest.",
      "type": "object",
      "additionalProperties": false,
      "required": ["if", "then"],
      "properties": {
        "if": { "description": "A declared arg's name.", "type": "string", "pattern": "^[a-z][a-z0-9_]*$" },
        "then": {
          "anyOf": [{ "$ref": "#/$defs/element" }, { "type": "array", "minItems": 1, "items": { "$ref": "#/$defs/element" } }]
        },
        "else": {
          "anyOf": [{ "$ref": "#/$defs/element" }, { "type": "array", "items": { "$ref": "#/$defs/element" } }]
        }
      }
    },
    "typeName": { "enum": ["int", "str", "float", "bool", "path"] },
    "value": {
      "description": "A value of an arg written in its spec: text hyper shows is checked as help is.",
      "type": ["string", "number", "boolean"],
      "pattern": "^[^\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]*$"
    },
    "int": { "type": "integer", "minimum": -9223372036854775808, "maximum": 9223372036854775807 },
    "intText": { "pattern": "^[-+]?(0|[1-9][0-9]*)$" },
    "floatText": { "pattern": "^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$" },
    "isMultiple": { "required": ["multiple"], "properties": { "multiple": { "const": true } } },
    "isRest": { "required": ["rest"], "properties": { "rest": { "const": true } } },
    "arg": {
      "oneOf": [
        {
          "description": "A type name alone: a required arg of that type (a bool is a flag that defaults to false).",
          "$ref": "#/$defs/typeName"
        },
        {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "type": { "$ref": "#/$defs/typeName", "description": "Default: str. A path names a file or folder; programs get it absolute." },
            "default": {
              "description": "A value of the arg's type; for a `multiple` arg, a list of them (`[]` for none). Without one the arg is required, except a bool, and a `rest` arg, which takes none.",
              "anyOf": [{ "$ref": "#/$defs/value" }, { "type": "array", "items": { "$ref": "#/$defs/value" } }]
            },
            "required": { "type": "boolean" },
            "help": { "$ref": "#/$defs/shownText" },
            "short": {
              "description": "A one-letter option, `-c`: an ASCII letter other than `h`, unique in the command.",
              "type": "string",
              "pattern": "^[A-Za-gi-z]$"
            },
            "choices": {
              "description": "The only values accepted, of the arg's type: a list, or a mapping of each value to its help.",
              "oneOf": [
                { "type": "array", "minItems": 1, "uniqueItems": true, "items": { "$ref": "#/$defs/value" } },
                {
                  "type": "object",
                  "minProperties": 1,
                  "propertyNames": { "pattern": "^[^\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]*$" },
                  "additionalProperties": { "$ref": "#/$defs/shownText" }
                }
              ]
            },
            "env": {
              "description": "The variable read when the option is not given: letters, digits and `_`, not starting with a digit, not `HYPER_...`.",
              "type": ["string", "boolean"],
              "pattern": "^(?!HYPER_)[A-Za-z_][A-Za-z0-9_]*$"
            },
            "multiple": { "description": "Takes many values, in order; the default is then a list.", "type": "boolean" },
            "rest": {
              "description": "Takes the words after the command's own, unparsed: a str list, empty by default, at most one per command.",
              "type": "boolean"
            },
            "min": { "description": "Inclusive lower bound of an int or float (each value of a list).", "type": "number" },
            "max": { "description": "Inclusive upper bound of an int or float (each value of a list).", "type": "number" },
            "hidden": { "description": "Accepted, but left out of help, the list and completions.", "type": "boolean" },
            "deprecated": { "description": "Accepted with a warning that says this.", "$ref": "#/$defs/shownText" },
            "complete": {
              "description": "A program that prints this arg's values on Tab, one a line (`value<TAB>help`): `[PROGRAM, ARG...]`, run directly in the command's folder with the word typed in HYPER_COMPLETE_WORD; ARGs may hold `{placeholders}` of declared args. Runs only in a project trusted with `hyper completions --trust` (E235).",
              "type": "array",
              "minItems": 1,
              "items": { "type": "string" },
              "prefixItems": [{ "$ref": "#/$defs/program" }]
            }
          },
          "allOf": [
            {
              "if": { "required": ["type"], "properties": { "type": { "const": "int" } } },
              "then": {
                "properties": {
                  "default": { "anyOf": [{ "$ref": "#/$defs/int" }, { "type": "array", "items": { "$ref": "#/$defs/int" } }] },
                  "choices": {
                    "anyOf": [
                      { "type": "array", "items": { "$ref": "#/$defs/int" } },
                      { "type": "object", "propertyNames": { "$ref": "#/$defs/intText" } }
                    ]
                  },
                  "min": { "$ref": "#/$defs/int" },
                  "max": { "$ref": "#/$defs/int" }
                }
              }
            },
            {
              "if": { "required": ["type"], "properties": { "type": { "const": "float" } } },
              "then": {
                "properties": {
                  "default": { "anyOf": [{ "type": "number" }, { "type": "array", "items": { "type": "number" } }] },
                  "choices": {
                    "anyOf": [
                      { "type": "array", "items": { "type": "number" } },
                      { "type": "object", "propertyNames": { "$ref": "#/$defs/floatText" } }
                    ]
                  }
                }
              }
            },
            {
              "if": { "required": ["type"], "properties": { "type": { "const": "bool" } } },
              "then": {
                "properties": {
                  "default": { "anyOf": [{ "type": "boolean" }, { "type": "array", "items": { "type": "boolean" } }] },
                  "choices": false,
                  "min": false,
                  "max": false,
                  "complete": false
                }
              }
            },
            {
              "description": "Choices complete themselves: no `complete` beside them.",
              "if": { "required": ["choices"] },
              "then": { "properties": { "complete": false } }
            },
            {
              "description": "A str (the type by default) takes no bounds.",
              "if": { "properties": { "type": { "const": "str" } } },
              "then": { "properties": { "min": false, "max": false } }
            },
            {
              "description": "A path takes no choices or bounds, and its default names something: not the empty text.",
              "if": { "required": ["type"], "properties": { "type": { "const": "path" } } },
              "then": {
                "properties": {
                  "default": { "not": { "const": "" }, "items": { "not": { "const": "" } } },
                  "choices": false,
                  "min": false,
                  "max": false
                }
              }
            },
            {
              "description": "A rest arg is a str list that takes the words left over: no option, value keys or default of its own.",
              "if": { "$ref": "#/$defs/isRest" },
              "then": {
                "properties": {
                  "type": { "const": "str" },
                  "multiple": { "const": true },
                  "short": false,
                  "choices": false,
                  "env": false,
                  "min": false,
                  "max": false,
                  "default": false,
                  "required": false,
                  "complete": false
                }
              }
            },
            {
              "description": "A multiple arg's default is a list; a variable holds one value, so it takes no env.",
              "if": { "$ref": "#/$defs/isMultiple" },
              "then": { "properties": { "default": { "type": "array" }, "env": false } },
              "else": { "if": { "not": { "$ref": "#/$defs/isRest" } }, "then": { "properties": { "default": { "not": { "type": "array" } } } } }
            },
            {
              "if": { "required": ["required"], "properties": { "required": { "const": true } } },
              "then": { "not": { "required": ["default"] } }
            }
          ]
        }
      ]
    }
  }
}

"""#
}
