# WIREBENCH_SANITIZE: build every target of the project (compile and link) with
# a sanitizer: "" (none), "address,undefined" or "thread". scripts/test runs the
# suite under both; suppressions and runtime options live in tests/sanitizers/.
set(WIREBENCH_SANITIZE "" CACHE STRING "Sanitizers: empty, address,undefined or thread")
set_property(CACHE WIREBENCH_SANITIZE PROPERTY STRINGS "" "address,undefined" "thread")

if(WIREBENCH_SANITIZE)
    if(NOT WIREBENCH_SANITIZE MATCHES "^(address,undefined|thread)$")
        message(FATAL_ERROR "WIREBENCH_SANITIZE must be empty, address,undefined or thread, "
                            "not \"${WIREBENCH_SANITIZE}\"")
    endif()
    # Frame pointers give whole stacks in reports (and cheap unwinding for TSan's history).
    set(flags -fsanitize=${WIREBENCH_SANITIZE} -fno-omit-frame-pointer)
    if(WIREBENCH_SANITIZE MATCHES "undefined")
        # UBSan only prints and carries on by default: make a report end the test, failing it.
        list(APPEND flags -fno-sanitize-recover=undefined)
    endif()
    # Directory options reach every target defined below the including CMakeLists.txt, C and C++.
    add_compile_options(${flags})
    add_link_options(${flags})
    message(STATUS "Sanitizers: ${WIREBENCH_SANITIZE}")
endif()
