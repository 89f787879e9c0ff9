# Packaging. Linux: a .deb (dependencies from dpkg-shlibdeps) and a .tar.gz, built here.
# Windows (NSIS) and macOS (DragNDrop with macdeployqt) settings live beside this file and
# are not built on this project's Debian machines.
set(CPACK_PACKAGE_NAME pi-console)
set(CPACK_PACKAGE_VENDOR "The Pi Console developers")
set(CPACK_PACKAGE_CONTACT "Pi Console developers <maintainers@piconsole.example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Native desktop console for the Pi HTTP API")
set(CPACK_PACKAGE_DESCRIPTION
    "Pi Console explores and debugs the Pi HTTP API: keys in the OS keychain,
a live rate-limit gauge, error envelopes as readable cards, a searchable
history of every call with its request ID, and one-click retries with the
same idempotency key. It includes pi-sandbox, a local server that answers
like Pi.")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Pi Console")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/installer/LICENSE")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build" "/\\\\.git/" "/\\\\.cache/")

if(UNIX AND NOT APPLE)
    set(CPACK_GENERATOR DEB TGZ)
    set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_SECTION devel)
    set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    # The keychain is reached over D-Bus: a Secret Service is needed at run time.
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager, libqt6sql6-sqlite, qt6-qpa-plugins")
    set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
    include(${CMAKE_CURRENT_LIST_DIR}/debian/debian-docs.cmake)
    install(FILES ${CMAKE_CURRENT_LIST_DIR}/debian/lintian-overrides
        DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides RENAME pi-console)
elseif(WIN32)
    include(${CMAKE_CURRENT_LIST_DIR}/windows/cpack-windows.cmake)
elseif(APPLE)
    include(${CMAKE_CURRENT_LIST_DIR}/macos/cpack-macos.cmake)
endif()

include(CPack)
