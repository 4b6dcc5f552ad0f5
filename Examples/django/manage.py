#!/bin/sh
# Stand-in for Django's manage.py: prints each argument on its own line.
printf 'manage.py'
if [ -n "${DJANGO_SETTINGS_MODULE-}" ]; then printf ' (settings %s)' "$DJANGO_SETTINGS_MODULE"; fi
for word in "$@"; do printf ' [%s]' "$word"; done
printf '\n'
