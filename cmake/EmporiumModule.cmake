# emporium_add_module(<name> [SCHEMA <schema>] [DEPENDS <module>...])
#
# Creates two targets per module:
#   emporium_<name>_api  INTERFACE: the public headers in include/emporium/<name>/
#   emporium_<name>      STATIC: the private implementation in src/
# A module links the kernel and only the _api targets of the modules it
# declares, so including an undeclared module's header fails to compile.
# The declared graph is checked for cycles by emporium_check_module_graph().
function(emporium_add_module name)
  cmake_parse_arguments(ARG "" "SCHEMA" "DEPENDS" ${ARGN})
  if(NOT ARG_SCHEMA)
    set(ARG_SCHEMA ${name})
  endif()

  add_library(emporium_${name}_api INTERFACE)
  target_include_directories(emporium_${name}_api INTERFACE ${CMAKE_CURRENT_SOURCE_DIR}/include)
  target_link_libraries(emporium_${name}_api INTERFACE emporium_kernel)

  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/*.cpp)
  add_library(emporium_${name} STATIC ${sources})
  target_include_directories(emporium_${name} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(emporium_${name} PUBLIC emporium_${name}_api)
  # A public header may use a dependency's types, so the _api target carries
  # its dependencies' _api targets; the boundary test still requires every
  # module to declare what it includes directly.
  foreach(dep IN LISTS ARG_DEPENDS)
    target_link_libraries(emporium_${name}_api INTERFACE emporium_${dep}_api)
  endforeach()
  target_compile_definitions(emporium_${name} PRIVATE EMPORIUM_MODULE_NAME="${name}" EMPORIUM_MODULE_SCHEMA="${ARG_SCHEMA}")

  set_property(GLOBAL APPEND PROPERTY EMPORIUM_MODULE_NAMES ${name})
  set_property(GLOBAL PROPERTY EMPORIUM_MODULE_DEPENDS_${name} "${ARG_DEPENDS}")
  set_property(GLOBAL PROPERTY EMPORIUM_MODULE_SCHEMA_${name} "${ARG_SCHEMA}")
endfunction()

# Fails the configure step when a declared dependency names no module or
# when the declared dependencies form a cycle (CMake itself accepts cycles
# between static libraries).
function(emporium_check_module_graph)
  get_property(modules GLOBAL PROPERTY EMPORIUM_MODULE_NAMES)
  foreach(module IN LISTS modules)
    get_property(deps GLOBAL PROPERTY EMPORIUM_MODULE_DEPENDS_${module})
    foreach(dep IN LISTS deps)
      if(NOT dep IN_LIST modules)
        message(FATAL_ERROR "module '${module}' depends on unknown module '${dep}'")
      endif()
    endforeach()
  endforeach()
  # Kahn's algorithm: repeatedly remove modules whose dependencies are all removed.
  set(remaining ${modules})
  set(done "")
  while(remaining)
    set(progress FALSE)
    foreach(module IN LISTS remaining)
      get_property(deps GLOBAL PROPERTY EMPORIUM_MODULE_DEPENDS_${module})
      set(ready TRUE)
      foreach(dep IN LISTS deps)
        if(NOT dep IN_LIST done)
          set(ready FALSE)
        endif()
      endforeach()
      if(ready)
        list(APPEND done ${module})
        list(REMOVE_ITEM remaining ${module})
        set(progress TRUE)
      endif()
    endforeach()
    if(NOT progress)
      message(FATAL_ERROR "module dependency cycle among: ${remaining}")
    endif()
  endwhile()
endfunction()
