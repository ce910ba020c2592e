# Fuzz targets for the store's decoders (WAL records, data files, MANIFEST).
if(TARGET aokit_store)
  aokit_add_fuzz_target(NAME store_wal_fuzz SOURCE ${CMAKE_CURRENT_SOURCE_DIR}/store_wal_fuzz.cpp
                        LIBS aokit_store SEEDS ${CMAKE_CURRENT_SOURCE_DIR}/store_seeds/wal ITERATIONS 20000)
  target_include_directories(store_wal_fuzz PRIVATE ${AOKIT_STORE_PRIVATE_INCLUDE})
  aokit_add_fuzz_target(NAME store_data_fuzz SOURCE ${CMAKE_CURRENT_SOURCE_DIR}/store_data_fuzz.cpp
                        LIBS aokit_store SEEDS ${CMAKE_CURRENT_SOURCE_DIR}/store_seeds/data ITERATIONS 10000)
  target_include_directories(store_data_fuzz PRIVATE ${AOKIT_STORE_PRIVATE_INCLUDE})
endif()
