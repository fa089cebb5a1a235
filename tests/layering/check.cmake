# Proves the build enforces the layering (docs/architecture.md): a file linked to
# meeloop_profile builds when it includes a header of a library profile declares (store), and
# fails when it includes one profile has no edge to (gpu). Run by ctest with -DBUILD_DIR=...
function(build target out_rc out_text)
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target ${target}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE text ERROR_VARIABLE text)
  set(${out_rc} ${rc} PARENT_SCOPE)
  set(${out_text} "${text}" PARENT_SCOPE)
endfunction()

build(meeloop_layering_declared rc text)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "a header across a declared edge (profile -> store) did not build:\n${text}")
endif()
build(meeloop_layering_undeclared rc text)
if(rc EQUAL 0)
  message(FATAL_ERROR "a header across an undeclared edge (profile -> gpu) built: the layering is not enforced")
endif()
if(NOT text MATCHES "gpu/device.h")
  message(FATAL_ERROR "the undeclared include failed for another reason than the missing edge:\n${text}")
endif()
message(STATUS "declared edge builds, undeclared edge refused")
