# Debian 12's libre2-dev ships a pkg-config file but no CMake package; this module finds it
# and provides the same imported target (re2::re2) that newer re2 releases export.
include(FindPackageHandleStandardArgs)
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(PC_RE2 QUIET re2)
endif()
find_path(re2_INCLUDE_DIR re2/re2.h HINTS ${PC_RE2_INCLUDE_DIRS})
find_library(re2_LIBRARY NAMES re2 HINTS ${PC_RE2_LIBRARY_DIRS})
# re2_USE_STATIC_LIBS (set by BUCKETLINT_STATIC): the archive, libre2.a, when there is one.
if(re2_USE_STATIC_LIBS)
  find_library(re2_STATIC_LIBRARY NAMES libre2.a HINTS ${PC_RE2_LIBRARY_DIRS})
  mark_as_advanced(re2_STATIC_LIBRARY)
  if(re2_STATIC_LIBRARY)
    set(re2_LIBRARY ${re2_STATIC_LIBRARY})
  endif()
endif()
find_package_handle_standard_args(re2 REQUIRED_VARS re2_LIBRARY re2_INCLUDE_DIR)
if(re2_FOUND AND NOT TARGET re2::re2)
  find_package(Threads REQUIRED)
  add_library(re2::re2 UNKNOWN IMPORTED)
  set_target_properties(re2::re2 PROPERTIES
    IMPORTED_LOCATION "${re2_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${re2_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES Threads::Threads)
endif()
mark_as_advanced(re2_INCLUDE_DIR re2_LIBRARY)
