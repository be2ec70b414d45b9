# cpm_add_fuzz_target(NAME SOURCES src... LIBS lib...)
#
# One target per grammar or framer, with a fixed layout:
#   fuzz/<src>                 defines LLVMFuzzerTestOneInput
#   fuzz/corpus/<NAME>/        seed corpus (required, checked in)
#   fuzz/dict/<NAME>.dict      libFuzzer dictionary (optional)
#
# Every build makes replay-<NAME> (the sources plus fuzz/replay_main.cpp) and
# the ctest fuzz.replay.<NAME>, which feeds each seed to the target, so a GCC
# or sanitizer build checks the corpus like any other test. Under CPM_FUZZ
# (clang) it also makes the libFuzzer executable fuzz-<NAME> and the ctest
# fuzz.run.<NAME>: a campaign of CPM_FUZZ_SECONDS from the seed corpus; new
# inputs go to the build tree, crash artifacts to <build>/fuzz/artifacts/.
set(CPM_FUZZ_SECONDS 60 CACHE STRING "Length of each fuzz.run.<name> campaign, in seconds")

function(cpm_add_fuzz_target name)
  cmake_parse_arguments(arg "" "" "SOURCES;LIBS" ${ARGN})
  set(corpus ${CMAKE_CURRENT_SOURCE_DIR}/corpus/${name})
  set(dict ${CMAKE_CURRENT_SOURCE_DIR}/dict/${name}.dict)
  if(NOT IS_DIRECTORY ${corpus})
    message(FATAL_ERROR "fuzz target ${name}: seed corpus ${corpus} is missing")
  endif()

  add_executable(replay-${name} ${arg_SOURCES} ${CMAKE_CURRENT_SOURCE_DIR}/replay_main.cpp)
  target_link_libraries(replay-${name} PRIVATE cpm_options ${arg_LIBS})
  add_test(NAME fuzz.replay.${name} COMMAND replay-${name} ${corpus})
  set_tests_properties(fuzz.replay.${name} PROPERTIES LABELS fuzz-replay)

  if(CPM_FUZZ)
    add_executable(fuzz-${name} ${arg_SOURCES})
    target_link_libraries(fuzz-${name} PRIVATE cpm_options ${arg_LIBS})
    target_compile_options(fuzz-${name} PRIVATE -fsanitize=fuzzer)
    target_link_options(fuzz-${name} PRIVATE -fsanitize=fuzzer)

    set(work ${CMAKE_CURRENT_BINARY_DIR}/corpus/${name})
    set(artifacts ${CMAKE_CURRENT_BINARY_DIR}/artifacts)
    file(MAKE_DIRECTORY ${work} ${artifacts})
    set(flags -max_total_time=${CPM_FUZZ_SECONDS} -timeout=10 -rss_limit_mb=2048
              -print_final_stats=1 -artifact_prefix=${artifacts}/${name}-)
    if(EXISTS ${dict})
      list(APPEND flags -dict=${dict})
    endif()
    # libFuzzer writes new inputs into the first directory only, so the
    # checked-in seeds stay untouched.
    add_test(NAME fuzz.run.${name} COMMAND fuzz-${name} ${flags} ${work} ${corpus})
    math(EXPR timeout "${CPM_FUZZ_SECONDS} + 120")
    set_tests_properties(fuzz.run.${name} PROPERTIES LABELS fuzz-run TIMEOUT ${timeout})
  endif()
endfunction()
