# Project-wide compile settings applied through one interface target so that
# every library, test, fuzz target and benchmark is built the same way.
add_library(cpm_options INTERFACE)
target_compile_options(cpm_options INTERFACE -Wall -Wextra -Wpedantic)
if(CPM_WERROR)
  target_compile_options(cpm_options INTERFACE -Werror)
endif()
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  # GCC 12 at -O2/-O3 reports a false -Wrestrict inside std::string when a
  # literal is concatenated with a string ("<" + std::string(uri) + ">"):
  # GCC bug 105329, fixed in 13. Release builds with -Werror failed on it.
  target_compile_options(cpm_options INTERFACE -Wno-restrict)
endif()
if(CPM_SANITIZE)
  target_compile_options(cpm_options INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(cpm_options INTERFACE -fsanitize=address,undefined)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    # clang 14's UBSan "function" check emits prologue data the assembler
    # cannot place for split C++20 coroutines ("Cannot represent a
    # difference across sections"), so it is off in clang builds (GCC has
    # no such check); every other UBSan check stays on.
    target_compile_options(cpm_options INTERFACE -fno-sanitize=function)
  endif()
endif()
if(CPM_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "CPM_FUZZ needs clang (libFuzzer); use the 'fuzz' preset")
  endif()
  # Libraries are instrumented for coverage; the fuzz targets add the driver.
  target_compile_options(cpm_options INTERFACE -fsanitize=fuzzer-no-link)
endif()

# cpm_add_library(NAME DIR): one static library per source folder, sources
# globbed so adding a file needs no CMake edit; the project root is the
# include root ("sip/message.hpp").
function(cpm_add_library name)
  cmake_parse_arguments(arg "" "" "SOURCES;DEPENDS" ${ARGN})
  add_library(${name} STATIC ${arg_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC cpm_options ${arg_DEPENDS})
endfunction()
