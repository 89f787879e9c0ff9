# PICONSOLE_SANITIZE=ON builds every target of the project with AddressSanitizer and
# UndefinedBehaviorSanitizer (the `asan` preset, `make test-asan`). Undefined behaviour aborts
# the test instead of printing and going on. Qt and the system libraries are not rebuilt: only
# the project's own code is instrumented.
#
# PICONSOLE_FUZZ=ON (the `fuzz` preset, `make fuzz`, clang only) builds the core library with
# the same sanitizers plus libFuzzer's coverage instrumentation, and the fuzz targets of
# tests/fuzz; nothing else.
option(PICONSOLE_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(PICONSOLE_FUZZ "Build only the core library and its libFuzzer targets (clang)" OFF)

set(PICONSOLE_SANITIZER_FLAGS
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)

if(PICONSOLE_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "PICONSOLE_FUZZ needs clang (libFuzzer): use the `fuzz` preset")
    endif()
    add_compile_options(-fsanitize=fuzzer-no-link ${PICONSOLE_SANITIZER_FLAGS})
    add_link_options(-fsanitize=address,undefined)
elseif(PICONSOLE_SANITIZE)
    add_compile_options(${PICONSOLE_SANITIZER_FLAGS})
    add_link_options(-fsanitize=address,undefined)
endif()
