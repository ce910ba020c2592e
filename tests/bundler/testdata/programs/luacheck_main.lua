-- luacheck's CLI entry (as /usr/bin/luacheck), bundled by the real-program equivalence test
require "luacheck.main"
