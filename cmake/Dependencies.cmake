# Every external library, found once, exposed as an imported target.
# tools/setup-deps installs the Debian packages that provide them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
find_package(ICU REQUIRED COMPONENTS uc i18n)
find_package(yaml-cpp REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(fmt REQUIRED)
# Xapian: the static library tools/xapian-static builds (Debian's own 1.4.22 source) when it
# is there, else Debian's shared libxapian. Static, the `ububiko` command also links
# libstdc++ statically and loads no C++ library at start (see src/cli/CMakeLists.txt).
option(UBUBIKO_STATIC_SMALL_LIBS "link yaml-cpp, libcrypto, zlib, liblinear, BLAS and libargon2 statically where they can be" ON)
option(UBUBIKO_STATIC_XAPIAN "link Xapian statically when tools/xapian-static has built it" ON)
if(DEFINED ENV{UBUBIKO_DEPS_DIR})
  set(_deps_dir "$ENV{UBUBIKO_DEPS_DIR}")
elseif(DEFINED ENV{XDG_CACHE_HOME})
  set(_deps_dir "$ENV{XDG_CACHE_HOME}/ububiko")
else()
  set(_deps_dir "$ENV{HOME}/.cache/ububiko")
  if("$ENV{HOME}" STREQUAL "")
    set(_deps_dir "/tmp/.cache/ububiko")
  endif()
endif()
set(UBUBIKO_XAPIAN_PREFIX "${_deps_dir}/xapian-core-1.4.22" CACHE PATH "where tools/xapian-static installs Xapian")
set(UBUBIKO_XAPIAN_IS_STATIC OFF)
set(UBUBIKO_STATIC_LIBSTDCXX OFF)
if(UBUBIKO_STATIC_XAPIAN AND EXISTS "${UBUBIKO_XAPIAN_PREFIX}/lib/libxapian.a" AND EXISTS "${UBUBIKO_XAPIAN_PREFIX}/.ububiko-stamp")
  set(UBUBIKO_XAPIAN_IS_STATIC ON)
  find_library(UBUBIKO_UUID_ARCHIVE NAMES libuuid.a REQUIRED)
  # zlib (Xapian compresses its tables' tags) statically too into a program that sets the
  # target property UBUBIKO_STATIC_ZLIB (`ububiko`, which loads no other library using it):
  # one shared library fewer to map at every start (0.06 ms). The others keep the shared
  # zlib that poppler, libarchive and cpp-httplib load anyway.
  find_library(UBUBIKO_Z_ARCHIVE NAMES libz.a)
  set(_zlib z)
  if(UBUBIKO_STATIC_SMALL_LIBS AND UBUBIKO_Z_ARCHIVE)
    set(_zlib "$<IF:$<BOOL:$<TARGET_PROPERTY:UBUBIKO_STATIC_ZLIB>>,${UBUBIKO_Z_ARCHIVE},z>")
  endif()
  add_library(xapian::xapian INTERFACE IMPORTED)
  target_include_directories(xapian::xapian INTERFACE "${UBUBIKO_XAPIAN_PREFIX}/include")
  target_link_libraries(xapian::xapian INTERFACE "${UBUBIKO_XAPIAN_PREFIX}/lib/libxapian.a" ${UBUBIKO_UUID_ARCHIVE} ${_zlib})
  message(STATUS "Xapian: static, ${UBUBIKO_XAPIAN_PREFIX}")
  # Then no C++ shared library is left for `ububiko`, which links libstdc++ statically too;
  # not under the sanitizers, whose runtime loads the shared libstdc++ anyway.
  if(NOT CMAKE_CXX_FLAGS MATCHES "-fsanitize")
    set(UBUBIKO_STATIC_LIBSTDCXX ON)
  endif()
else()
  find_package(xapian REQUIRED)
  message(STATUS "Xapian: Debian's shared library (tools/xapian-static builds the static one)")
endif()
find_package(Boost 1.74 REQUIRED COMPONENTS filesystem)
find_package(Catch2 2 REQUIRED)
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
pkg_check_modules(LIBARCHIVE REQUIRED IMPORTED_TARGET libarchive)
pkg_check_modules(PODOFO REQUIRED IMPORTED_TARGET libpodofo)
find_library(LIBLINEAR NAMES linear REQUIRED)
add_library(linear INTERFACE IMPORTED)
pkg_check_modules(TESSERACT REQUIRED IMPORTED_TARGET tesseract)
pkg_check_modules(LEPTONICA REQUIRED IMPORTED_TARGET lept)
pkg_check_modules(ARGON2 REQUIRED IMPORTED_TARGET libargon2)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)

if(NOT TARGET xapian::xapian)
  add_library(xapian::xapian INTERFACE IMPORTED)
  target_include_directories(xapian::xapian INTERFACE ${XAPIAN_INCLUDE_DIR})
  target_link_libraries(xapian::xapian INTERFACE ${XAPIAN_LIBRARIES})
endif()

# yaml-cpp is linked statically when Debian ships the archive: each shared library costs the
# dynamic linker at every start, and a command-line search should start in a few
# milliseconds (tools/bench/ingest measures it). libcrypto likewise, for the tests that
# need it (an MD5 of PDF fixtures): the programs compute SHA-256 themselves (core/sha256.cpp),
# and do not run libcrypto's processor detection at every start.
add_library(ububiko_yaml INTERFACE)
add_library(ububiko_crypto INTERFACE)
find_library(UBUBIKO_YAML_ARCHIVE NAMES libyaml-cpp.a)
find_library(UBUBIKO_CRYPTO_ARCHIVE NAMES libcrypto.a)
if(UBUBIKO_STATIC_SMALL_LIBS AND UBUBIKO_YAML_ARCHIVE AND UBUBIKO_CRYPTO_ARCHIVE)
  get_target_property(_yaml_includes yaml-cpp INTERFACE_INCLUDE_DIRECTORIES)
  if(_yaml_includes)
    target_include_directories(ububiko_yaml INTERFACE ${_yaml_includes})
  endif()
  target_link_libraries(ububiko_yaml INTERFACE ${UBUBIKO_YAML_ARCHIVE})
  target_include_directories(ububiko_crypto INTERFACE ${OPENSSL_INCLUDE_DIR})
  target_link_libraries(ububiko_crypto INTERFACE ${UBUBIKO_CRYPTO_ARCHIVE} ${CMAKE_DL_LIBS} Threads::Threads)
else()
  target_link_libraries(ububiko_yaml INTERFACE yaml-cpp)
  target_link_libraries(ububiko_crypto INTERFACE OpenSSL::Crypto)
endif()
# liblinear, and the reference BLAS it calls (four routines), likewise: two shared
# libraries fewer to load at every command (a search included) for a few kilobytes.
find_library(UBUBIKO_LINEAR_ARCHIVE NAMES liblinear.a)
find_library(UBUBIKO_BLAS_ARCHIVE NAMES libblas.a)
if(UBUBIKO_STATIC_SMALL_LIBS AND UBUBIKO_LINEAR_ARCHIVE AND UBUBIKO_BLAS_ARCHIVE)
  target_link_libraries(linear INTERFACE ${UBUBIKO_LINEAR_ARCHIVE} ${UBUBIKO_BLAS_ARCHIVE} m)
else()
  target_link_libraries(linear INTERFACE ${LIBLINEAR})
endif()
# ICU: the shared library costs the dynamic linker ~6000 relocations at every start, and
# its NFD data is then read from a second library. A program that sets the target property
# UBUBIKO_STATIC_ICU (the `ububiko` command, which no other library loads ICU into) gets
# the static archives; the others (whose libxml2 brings the shared ICU) keep the shared one.
find_library(UBUBIKO_ICUUC_ARCHIVE NAMES libicuuc.a)
find_library(UBUBIKO_ICUDATA_ARCHIVE NAMES libicudata.a)
add_library(ububiko_icu INTERFACE)
if(UBUBIKO_STATIC_SMALL_LIBS AND UBUBIKO_ICUUC_ARCHIVE AND UBUBIKO_ICUDATA_ARCHIVE)
  target_include_directories(ububiko_icu INTERFACE ${ICU_INCLUDE_DIRS})
  target_link_libraries(ububiko_icu INTERFACE
    "$<IF:$<BOOL:$<TARGET_PROPERTY:UBUBIKO_STATIC_ICU>>,${UBUBIKO_ICUUC_ARCHIVE};${UBUBIKO_ICUDATA_ARCHIVE};${CMAKE_DL_LIBS};Threads::Threads,ICU::uc>")
else()
  target_link_libraries(ububiko_icu INTERFACE ICU::uc)
endif()
# libargon2 (password hashing, in accounts/ only) likewise: every command would otherwise
# load it, though only `user` and the server hash anything.
find_library(UBUBIKO_ARGON2_ARCHIVE NAMES libargon2.a)
add_library(ububiko_argon2 INTERFACE)
if(UBUBIKO_STATIC_SMALL_LIBS AND UBUBIKO_ARGON2_ARCHIVE)
  target_include_directories(ububiko_argon2 INTERFACE ${ARGON2_INCLUDE_DIRS})
  target_link_libraries(ububiko_argon2 INTERFACE ${UBUBIKO_ARGON2_ARCHIVE})
else()
  target_link_libraries(ububiko_argon2 INTERFACE PkgConfig::ARGON2)
endif()
