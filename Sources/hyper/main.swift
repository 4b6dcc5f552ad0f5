import HyperCommands

// The `hyper` binary registers no Swift handlers of its own: it runs the
// `exec` and `sh` commands of the nearest `commands.d`. A program that embeds
// HyperCommands registers handlers on a registry and calls the same entry point.
HyperCLI.main()
