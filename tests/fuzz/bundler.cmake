# The bundler's parser fuzz target (with the parse → emit → parse round-trip property).
if(TARGET aokit_bundler)
  aokit_add_fuzz_target(NAME lua_parser_fuzz SOURCE ${CMAKE_CURRENT_SOURCE_DIR}/lua_parser_fuzz.cpp
    LIBS aokit_bundler
    SEEDS ${CMAKE_CURRENT_SOURCE_DIR}/seeds/lua_parser
    ITERATIONS 20000)
endif()
