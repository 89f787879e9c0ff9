# Windows installer (NSIS). Not built on this project's Debian machines: run `cpack -G NSIS`
# on Windows after `windeployqt` has copied the Qt runtime next to the executables.
set(CPACK_GENERATOR NSIS ZIP)
set(CPACK_NSIS_DISPLAY_NAME "Pi Console")
set(CPACK_NSIS_PACKAGE_NAME "Pi Console")
set(CPACK_NSIS_MUI_ICON "${PROJECT_SOURCE_DIR}/installer/windows/pi-console.ico")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\pi-console.exe")
set(CPACK_NSIS_CREATE_ICONS_EXTRA
    "CreateShortCut '$SMPROGRAMS\\\\$STARTMENU_FOLDER\\\\Pi Console.lnk' '$INSTDIR\\\\bin\\\\pi-console.exe'")
set(CPACK_NSIS_DELETE_ICONS_EXTRA "Delete '$SMPROGRAMS\\\\$START_MENU\\\\Pi Console.lnk'")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
