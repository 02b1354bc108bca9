// main.cpp — Catch2's runner for the native core tests.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
