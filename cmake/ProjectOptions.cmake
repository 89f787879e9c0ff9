# One INTERFACE target that every target of the project links: the language standard,
# Qt's strictness defines and the warnings. CI turns warnings into errors.
option(PICONSOLE_WERROR "Treat compiler warnings as errors" OFF)

add_library(piconsole-options INTERFACE)
add_library(PiConsole::options ALIAS piconsole-options)

target_compile_features(piconsole-options INTERFACE cxx_std_17)
set(CMAKE_CXX_EXTENSIONS OFF)

target_compile_definitions(piconsole-options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_NO_KEYWORDS
    QT_USE_QSTRINGBUILDER
    QT_STRICT_ITERATORS
    QT_DISABLE_DEPRECATED_BEFORE=0x060400)

target_compile_options(piconsole-options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)

# Clang's pedantic mode flags Qt's own logging macros (qCDebug(category) << …).
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    target_compile_options(piconsole-options INTERFACE -Wno-gnu-zero-variadic-macro-arguments)
endif()

if(PICONSOLE_WERROR)
    target_compile_options(piconsole-options INTERFACE -Werror)
endif()

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()

include(Sanitizers)
# Sanitized builds are for finding bugs, not for shipping; _FORTIFY_SOURCE would also hide
# some of the calls AddressSanitizer checks.
if(NOT PICONSOLE_SANITIZE AND NOT PICONSOLE_FUZZ)
    include(Hardening)
endif()
