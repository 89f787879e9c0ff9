# pi_add_library(<name> FOLDERS <folder>... [PUBLIC <lib>...] [PRIVATE <lib>...])
#
# A static library of every .cpp and .h in those folders below the current source folder,
# which is its one include root: its files and its users include "<folder>/<file>.h". A file
# added to a folder is picked up at the next build (CONFIGURE_DEPENDS).
function(pi_add_library name)
    cmake_parse_arguments(ARG "" "" "FOLDERS;PUBLIC;PRIVATE" ${ARGN})
    set(sources)
    foreach(folder IN LISTS ARG_FOLDERS)
        file(GLOB found CONFIGURE_DEPENDS
            ${CMAKE_CURRENT_SOURCE_DIR}/${folder}/*.cpp ${CMAKE_CURRENT_SOURCE_DIR}/${folder}/*.h)
        if(NOT found)
            message(FATAL_ERROR "${name}: no source in ${folder}/")
        endif()
        list(APPEND sources ${found})
    endforeach()
    add_library(${name} STATIC ${sources})
    target_include_directories(${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
    target_link_libraries(${name} PUBLIC ${ARG_PUBLIC} PRIVATE ${ARG_PRIVATE} PiConsole::options)
endfunction()
