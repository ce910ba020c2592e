// The module-resolution flags `aokit bundle` and `aokit size` share (flags-only mode).
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace aokit::cli {

inline void AddResolveOptions(CLI::App* cmd, std::vector<std::string>& paths, std::vector<std::string>& externals,
                              std::vector<std::string>& dynamic) {
  cmd->add_option("--path", paths, "package.path-style templates, e.g. '/usr/share/lua/5.3/?.lua;?/init.lua'");
  cmd->add_option("--external", externals, "A module the AO runtime provides (never bundled)");
  cmd->add_option("--dynamic", dynamic, "Modules a dynamic require may load: 'prefix.*' or a name");
}

}  // namespace aokit::cli
