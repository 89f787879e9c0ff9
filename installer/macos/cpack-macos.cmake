# macOS disk image (DragNDrop). Not built on this project's Debian machines: on macOS, run
# `macdeployqt "Pi Console.app"` on the bundle, then `cpack -G DragNDrop`.
set(CPACK_GENERATOR DragNDrop)
set(CPACK_DMG_VOLUME_NAME "Pi Console")
set(CPACK_DMG_FORMAT UDZO)
set(CPACK_BUNDLE_NAME "Pi Console")
