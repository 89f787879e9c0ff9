# Debian policy wants a copyright file and a compressed changelog in /usr/share/doc/<package>.
set(_docdir ${CMAKE_INSTALL_DATADIR}/doc/pi-console)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/copyright DESTINATION ${_docdir})
set(_changelog ${CMAKE_BINARY_DIR}/changelog.gz)
add_custom_command(OUTPUT ${_changelog}
    COMMAND gzip -9nc ${CMAKE_CURRENT_LIST_DIR}/changelog > ${_changelog}
    DEPENDS ${CMAKE_CURRENT_LIST_DIR}/changelog
    VERBATIM)
add_custom_target(debian-changelog ALL DEPENDS ${_changelog})
install(FILES ${_changelog} DESTINATION ${_docdir})
