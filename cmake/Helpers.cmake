# ububiko_add_library(NAME SOURCES...): a module library target ububiko::NAME.
function(ububiko_add_library name)
  add_library(ububiko_${name} STATIC ${ARGN})
  add_library(ububiko::${name} ALIAS ububiko_${name})
  target_include_directories(ububiko_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(ububiko_${name} PRIVATE ububiko_warnings)
endfunction()

# ububiko_add_test(NAME SOURCES... LIBS libs...): a Catch2 test executable whose
# cases are registered one by one with CTest.
function(ububiko_add_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} ububiko_test_main ububiko_warnings)
  add_dependencies(${name} ububiko ububiko-extract ububiko-pdf)
  catch_discover_tests(${name} TEST_PREFIX "${name}:" PROPERTIES TIMEOUT 600)
endfunction()
