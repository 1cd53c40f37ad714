# Project-wide compiler flags: warnings, warnings-as-errors and sanitizers.
add_library(athena_warnings INTERFACE)
target_compile_options(athena_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Wunused -Woverloaded-virtual -Wimplicit-fallthrough -Wformat=2
  # GCC 12 reports -Wrestrict false positives inside libstdc++'s std::string (GCC PR 105329).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
if(ATHENA_WERROR)
  target_compile_options(athena_warnings INTERFACE -Werror)
endif()

# Fuzz builds instrument every library for coverage, so libFuzzer sees into the code under test.
if(ATHENA_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

if(ATHENA_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# Adds a static library from every .cpp in the current directory tree.
function(athena_glob_sources out_var)
  file(GLOB_RECURSE _srcs CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/*.cpp")
  set(${out_var} ${_srcs} PARENT_SCOPE)
endfunction()
