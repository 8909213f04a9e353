#!/usr/bin/env python3
"""The doors between the rooms open one way:

    app/gui -> ui/widgets -> ui/models -> engine -> netcore
    app/cli -> engine -> netcore

Fails (exit 1, one line per crossing) when an #include of the product's code, or
a library a room's target links, goes through a door the wrong way; when an
include of a project header does not name its room (<engine/bench.h>, not
<bench.h> or "bench.h" from elsewhere); or when code outside netcore reaches
into netcore's private src/.

    check_doors.py SOURCE_DIR [LINKS_FILE]   check the tree (and the targets' links)
    check_doors.py --self-test               prove that each rule catches what it should
"""
import os
import re
import sys
import tempfile

# What each room may include, by the include's first path part(s). Qt modules by their include folder.
ROOMS = {
    "netcore": {"rooms": {"netcore"}, "qt": {"QtCore", "QtNetwork"}},
    # QtQml for QJSEngine only (the script responder): no QML, no GUI.
    "engine": {"rooms": {"netcore", "engine"}, "qt": {"QtCore", "QtNetwork", "QtQml"}},
    "ui/models": {"rooms": {"netcore", "engine", "ui/models"}, "qt": {"QtCore", "QtNetwork", "QtGui"}},
    "ui/widgets": {"rooms": {"netcore", "engine", "ui/models", "ui/widgets"},
                   "qt": {"QtCore", "QtNetwork", "QtGui", "QtWidgets", "QtCharts"}},
    "app/gui": {"rooms": {"netcore", "engine", "ui/models", "ui/widgets", "app/gui"},
                "qt": {"QtCore", "QtNetwork", "QtGui", "QtWidgets", "QtCharts"}},
    "app/cli": {"rooms": {"netcore", "engine", "app/cli"}, "qt": {"QtCore", "QtNetwork"}},
}
# Libraries a room's target must not link, directly (the targets are named in LINKS_FILE).
FORBIDDEN_LINKS = {
    "netcore": {"Qt6::Gui", "Qt6::Widgets", "Qt6::Charts", "Qt6::Qml", "wirebench-engine", "wirebench-models",
                "wirebench-widgets"},
    "engine": {"Qt6::Gui", "Qt6::Widgets", "Qt6::Charts", "wirebench-models", "wirebench-widgets"},
    "ui/models": {"Qt6::Widgets", "Qt6::Charts", "wirebench-widgets"},
    "app/cli": {"Qt6::Gui", "Qt6::Widgets", "Qt6::Charts", "wirebench-models", "wirebench-widgets"},
}
PROJECT_ROOTS = ("netcore", "engine", "ui", "app", "tests")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def room_of(relative_path):
    for room in sorted(ROOMS, key=len, reverse=True):
        if relative_path.startswith(room + "/"):
            return room
    return None


def room_of_include(target):
    """The room an include names (netcore/src counts apart), or None for a system or Qt header."""
    if target.startswith("netcore/src/"):
        return "netcore/src"
    for room in sorted(ROOMS, key=len, reverse=True):
        if target.startswith(room + "/"):
            return room
    if target.split("/")[0] in PROJECT_ROOTS:
        return target.split("/")[0]  # a room that does not exist, e.g. <tests/...> or <ui/foo.h>
    return None


def project_headers(root):
    names = set()
    for top in PROJECT_ROOTS:
        for folder, _, files in os.walk(os.path.join(root, top)):
            names.update(f for f in files if f.endswith(".h"))
    return names


def check_includes(root):
    problems = []
    headers = project_headers(root)
    for room in ROOMS:
        for folder, _, files in os.walk(os.path.join(root, room)):
            for name in sorted(files):
                if not name.endswith((".h", ".cpp")):
                    continue
                path = os.path.join(folder, name)
                relative = os.path.relpath(path, root)
                with open(path, encoding="utf-8") as source:
                    for number, line in enumerate(source, 1):
                        match = INCLUDE.match(line)
                        if not match:
                            continue
                        quote, target = match.groups()
                        where = f"{relative}:{number}: #include {quote}{target}{'>' if quote == '<' else quote}"
                        problem = check_one(root, room, folder, quote, target, headers)
                        if problem:
                            problems.append(f"{where}: {problem}")
    return problems


def check_one(root, room, folder, quote, target, headers):
    rules = ROOMS[room]
    if quote == '"':
        # Only a file of the same folder (its own header, uic's ui_*.h, moc's .moc) may go unrooted.
        if "/" in target or not (os.path.exists(os.path.join(folder, target)) or target.startswith("ui_")
                                 or target.endswith(".moc")):
            return "a quoted include must name a file of the same folder; name the room: <room/file.h>"
        return None
    first = target.split("/")[0]
    if first.startswith("Qt") and "/" in target:
        if first not in rules["qt"]:
            return f"{room} may use Qt {', '.join(sorted(rules['qt']))} only, not {first}"
        return None
    included_room = room_of_include(target)
    if included_room == "netcore/src" and room != "netcore":
        return "netcore/src is netcore's private room"
    if included_room is None:
        if "/" not in target and target in headers:
            return "a project header without its room; write <room/" + target + ">"
        return None  # the standard library, POSIX, generated headers such as <netcore/netcore_export.h>
    if included_room == "netcore/src":
        return None  # netcore's own sources
    if included_room not in rules["rooms"]:
        return f"{room} may include {', '.join(sorted(rules['rooms']))}, not {included_room}"
    return None


def check_links(links_file):
    """LINKS_FILE: lines "room target: lib;lib;..." written by CMake at generate time."""
    problems = []
    with open(links_file, encoding="utf-8") as links:
        for line in links:
            if not line.strip():
                continue
            head, _, libraries = line.partition(":")
            room, target = head.split()
            linked = {library.strip() for library in libraries.split(";") if library.strip()}
            for library in sorted(linked & FORBIDDEN_LINKS.get(room, set())):
                problems.append(f"target {target} ({room}) links {library}: a door the wrong way")
    return problems


def self_test():
    """Each rule, broken once in a small tree of its own, must be reported; the clean tree must pass."""
    clean = {
        "netcore/include/netcore/server.h": "#include <QtNetwork/QTcpServer>\n",
        "netcore/src/serverprivate.h": "#include <netcore/server.h>\n",
        "netcore/src/server.cpp": '#include <netcore/server.h>\n#include "serverprivate.h"\n',
        "engine/bench.h": "#include <netcore/server.h>\n#include <QtCore/QObject>\n",
        "engine/script.cpp": "#include <QtQml/QJSEngine>\n",
        "engine/bench.cpp": '#include "bench.h"\n#include <engine/bench.h>\n#include <vector>\n',
        "ui/models/logmodel.h": "#include <engine/bench.h>\n#include <QtGui/QColor>\n",
        "ui/widgets/page.cpp": '#include "page.h"\n#include "ui_page.h"\n#include <ui/models/logmodel.h>\n',
        "ui/widgets/page.h": "#include <QtWidgets/QWidget>\n",
        "app/gui/main.cpp": "#include <ui/widgets/page.h>\n",
        "app/cli/main.cpp": "#include <engine/bench.h>\n",
    }
    # What each broken tree must be told: the file, and the rule's own words.
    broken = {
        "netcore includes the engine": ("netcore/src/x.cpp", "#include <engine/bench.h>\n", "netcore may include netcore, not engine"),
        "netcore uses Qt Gui": ("netcore/src/x.cpp", "#include <QtGui/QImage>\n", "not QtGui"),
        "the engine includes a model": ("engine/x.cpp", "#include <ui/models/logmodel.h>\n", "not ui/models"),
        "the engine uses Qt Widgets": ("engine/x.h", "#include <QtWidgets/QWidget>\n", "not QtWidgets"),
        "the engine reaches into netcore/src": ("engine/x.cpp", "#include <netcore/src/serverprivate.h>\n", "netcore's private room"),
        "a model includes a widget": ("ui/models/x.cpp", "#include <ui/widgets/page.h>\n", "not ui/widgets"),
        "ui includes the app": ("ui/widgets/x.cpp", "#include <app/gui/main.h>\n", "not app/gui"),
        "the CLI includes ui": ("app/cli/x.cpp", "#include <ui/models/logmodel.h>\n", "not ui/models"),
        "the CLI uses Qt Gui": ("app/cli/x.cpp", "#include <QtGui/QImage>\n", "not QtGui"),
        "netcore uses Qt Qml": ("netcore/src/x.cpp", "#include <QtQml/QJSEngine>\n", "not QtQml"),
        "an unrooted project header": ("ui/widgets/x.cpp", "#include <bench.h>\n", "write <room/bench.h>"),
        "a quoted header of another folder": ("ui/widgets/x.cpp", '#include "bench.h"\n', "must name a file of the same folder"),
        "a quoted relative path": ("ui/widgets/x.cpp", '#include "../models/logmodel.h"\n', "must name a file of the same folder"),
    }
    failures = []
    with tempfile.TemporaryDirectory() as root:
        write_tree(root, clean)
        if check_includes(root):
            failures.append("the clean tree was refused: " + "; ".join(check_includes(root)))
    for what, (path, text, words) in broken.items():
        with tempfile.TemporaryDirectory() as root:
            write_tree(root, dict(clean, **{path: text}))
            problems = check_includes(root)
            if len(problems) != 1 or not problems[0].startswith(path + ":1:") or words not in problems[0]:
                failures.append(f"{what}: expected one problem in {path} saying \"{words}\", got {problems}")
    with tempfile.TemporaryDirectory() as root:
        links = os.path.join(root, "links.txt")
        with open(links, "w") as out:
            out.write("engine wirebench-engine: netcore;Qt6::Core;Qt6::Network\n"
                      "app/cli wirebench-cli: wirebench-engine\n")
        if check_links(links):
            failures.append("clean links refused: " + "; ".join(check_links(links)))
        with open(links, "w") as out:
            out.write("engine wirebench-engine: netcore;Qt6::Gui\n"
                      "netcore netcore: Qt6::Core;Qt6::Widgets\n")
        problems = check_links(links)
        if problems != ["target wirebench-engine (engine) links Qt6::Gui: a door the wrong way",
                        "target netcore (netcore) links Qt6::Widgets: a door the wrong way"]:
            failures.append(f"links: expected the engine's Qt6::Gui and netcore's Qt6::Widgets, got {problems}")
    for failure in failures:
        print("self-test:", failure)
    print("self-test: %d rules, %s" % (len(broken) + 2, "FAILED" if failures else "each one caught"))
    return 1 if failures else 0


def write_tree(root, files):
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as out:
            out.write(text)


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    problems = check_includes(argv[1])
    if len(argv) == 3:
        problems += check_links(argv[2])
    for problem in problems:
        print(problem)
    print("doors: %d crossing(s) the wrong way" % len(problems) if problems else "doors: every include and link goes one way")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
