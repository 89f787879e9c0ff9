# Hardening of every build but Debug (so of the `ci` preset's RelWithDebInfo that makes the
# .deb, and of Release): stack protector, glibc's fortified functions (they need the
# optimiser), position-independent executables, and a read-only GOT resolved at start
# (full RELRO, BIND_NOW). Debug builds stay plain, for the debugger's sake.
include(CheckPIESupported)

check_pie_supported(OUTPUT_VARIABLE piconsole_pie_message LANGUAGES CXX)
if(NOT CMAKE_CXX_LINK_PIE_SUPPORTED)
    message(WARNING "The linker cannot make position-independent executables: ${piconsole_pie_message}")
endif()

# PIE for the release configurations; Debug keeps CMake's default.
if(NOT CMAKE_BUILD_TYPE STREQUAL "Debug")
    set(CMAKE_POSITION_INDEPENDENT_CODE ON)
endif()

set(piconsole_release "$<CONFIG:Release,RelWithDebInfo,MinSizeRel>")
target_compile_options(piconsole-options INTERFACE
    "$<${piconsole_release}:-fstack-protector-strong>"
    # Ubuntu-style toolchains define it already; redefining it would warn.
    "$<${piconsole_release}:-U_FORTIFY_SOURCE>"
    "$<${piconsole_release}:-D_FORTIFY_SOURCE=2>")
target_link_options(piconsole-options INTERFACE
    "$<${piconsole_release}:LINKER:-z,relro>"
    "$<${piconsole_release}:LINKER:-z,now>")
