aokit_add_fuzz_target(NAME ans104_fuzz SOURCE ${CMAKE_CURRENT_SOURCE_DIR}/ans104_fuzz.cpp
                      LIBS aokit_emulator SEEDS ${AOKIT_SHARED_DIR}/ao/vectors ITERATIONS 20000)
