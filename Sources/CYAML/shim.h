#ifndef HYPER_CYAML_SHIM_H
#define HYPER_CYAML_SHIM_H
#include <yaml.h>
#endif
