# Debian packages: `cpack -G DEB` in the build directory makes two, from the
# install components:
#   wirebench       (Runtime)      the app, wirebench-cli, libnetcore, the man
#                                  page, the desktop entry and the icons
#   libnetcore-dev  (Development)  netcore's headers, CMake package and netcore.pc
# Their Depends come from dpkg-shlibdeps (Debian's Qt packages), so the
# packages fit the release they are built on.

set(WIREBENCH_PACKAGE_MAINTAINER "Wirebench maintainers <maintainers@users.noreply.b-seed-873e7b2d.example>"
    CACHE STRING "The Maintainer field of the Debian packages")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME wirebench)
set(CPACK_PACKAGE_VENDOR Wirebench)
set(CPACK_PACKAGE_CONTACT "${WIREBENCH_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Like Debian's own packages: no debug info in the binaries.
set(CPACK_STRIP_FILES ON)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL Runtime Development)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# libnetcore-dev depends on the exact wirebench it was built with (its library).
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)

# Each description's first line is its package's synopsis (hence no
# CPACK_PACKAGE_DESCRIPTION_SUMMARY: CPack would put it in front of both).
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME wirebench)
# Qt's SVG image plugin draws the window icon.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_RECOMMENDS libqt6svg6)
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION [[TCP protocol test bench
Hosts TCP servers, spawns clients, shows the live client list, the message
log and traffic per channel, and sends json, text, binary, CBOR and image
payloads on named channels: in the desktop app (wirebench) or from the
command line (wirebench-cli serve, send, bench, demo). Also holds
libnetcore, the Qt 6 networking library both are built on.]])

set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME libnetcore-dev)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
set(CPACK_COMPONENT_DEVELOPMENT_DEPENDS Runtime)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS "qt6-base-dev (>= 6.4)")
set(CPACK_COMPONENT_DEVELOPMENT_DESCRIPTION [[framed, typed TCP messaging for Qt 6 programs (development files)
netcore's headers, its CMake package (find_package(NetCore), target
NetCore::netcore) and its pkg-config file (netcore).]])

include(CPack)
