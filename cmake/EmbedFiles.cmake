# aokit_embed_files(OUTPUT out.cpp NAMESPACE ns FUNCTION fn BASE dir FILES f1 f2 ...)
# Generates a C++ source defining
#   const std::vector<std::pair<std::string_view, std::string_view>>& ns::fn();
# that maps each file's path (relative to BASE) to its bytes. Used to embed runtime-lua/
# into the binary at build time, so a process never depends on loose files.
function(aokit_embed_files)
  cmake_parse_arguments(E "" "OUTPUT;NAMESPACE;FUNCTION;BASE" "FILES" ${ARGN})
  string(REPLACE ";" "|" files_arg "${E_FILES}")  # a list would split the -D argument
  add_custom_command(OUTPUT "${E_OUTPUT}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${E_OUTPUT} -DNS=${E_NAMESPACE} -DFN=${E_FUNCTION}
            -DBASE=${E_BASE} "-DFILES=${files_arg}" -P "${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake"
    DEPENDS ${E_FILES} "${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake"
    COMMENT "Embedding ${E_NAMESPACE}::${E_FUNCTION}" VERBATIM)
endfunction()
