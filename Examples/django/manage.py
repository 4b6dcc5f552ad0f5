#!/bin/sh
# Stand-in for Django's manage.py: prints each argument on its own line.
printf 'manage.py'
for word in "$@"; do printf ' [%s]' "$word"; done
printf '\n'
