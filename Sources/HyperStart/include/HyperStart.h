// The `hyper` binary's own start-up hooks (see start.c). Nothing to call.
