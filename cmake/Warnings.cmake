# wirebench_warnings(TARGET [STRICT_STRINGS]): the project's warning flags on one of
# its own targets; every target calls it. WIREBENCH_WERROR makes them errors
# (scripts/test, hence CI, sets it); a user's build with a newer compiler keeps
# building when that compiler warns of more.
#
# Everywhere, connect() never narrows an argument silently. STRICT_STRINGS (the
# product's code; the tests compare with literals freely): strings meet bytes
# only where the code says which encoding.
function(wirebench_warnings target)
    cmake_parse_arguments(PARSE_ARGV 1 arg "STRICT_STRINGS" "" "")
    set(gcc_like $<OR:$<COMPILE_LANG_AND_ID:CXX,GNU,Clang>,$<COMPILE_LANG_AND_ID:C,GNU,Clang>>)
    target_compile_options(${target} PRIVATE
        $<${gcc_like}:-Wall -Wextra -Wpedantic>
        $<$<AND:$<BOOL:${WIREBENCH_WERROR}>,${gcc_like}>:-Werror>)
    target_compile_definitions(${target} PRIVATE QT_NO_NARROWING_CONVERSIONS_IN_CONNECT)
    if(arg_STRICT_STRINGS)
        target_compile_definitions(${target} PRIVATE QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII)
    endif()
endfunction()
