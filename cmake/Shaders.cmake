# meeloop_add_shaders(<target> <output-dir> <glsl files...>)
# Compiles GLSL to SPIR-V with glslc at build time. glslc -MD writes a depfile so an edited
# #include also triggers a rebuild.
function(meeloop_add_shaders target outdir)
  set(outputs)
  foreach(src IN LISTS ARGN)
    get_filename_component(name ${src} NAME)
    set(out ${outdir}/${name}.spv)
    add_custom_command(
      OUTPUT ${out}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${outdir}
      COMMAND ${GLSLC} --target-env=vulkan1.2 -O -MD -MF ${out}.d -o ${out} ${CMAKE_CURRENT_SOURCE_DIR}/${src}
      DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${src}
      DEPFILE ${out}.d
      COMMENT "glslc ${name}"
      VERBATIM)
    list(APPEND outputs ${out})
  endforeach()
  add_custom_target(${target} ALL DEPENDS ${outputs})
endfunction()
