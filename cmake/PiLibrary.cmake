# pi_add_library(<name> [PUBLIC <lib>...] [PRIVATE <lib>...])
#
# A static library whose sources its own CMakeLists.txt then lists, folder by folder, with
# target_sources(). Every library shares one include root, src/, so an include names the
# library it comes from: "core/history/historymodel.h", "app/history/historypanel.h".
function(pi_add_library name)
    cmake_parse_arguments(ARG "" "" "PUBLIC;PRIVATE" ${ARGN})
    add_library(${name} STATIC)
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${name} PUBLIC ${ARG_PUBLIC} PRIVATE ${ARG_PRIVATE} PiConsole::options)
endfunction()
