# aokit — the README's two commands are `make demo` and `make test`.
# Both install what is missing (scripts/setup), build, then run.

BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_OPTS ?=
ifeq ($(CI),true)
  CMAKE_OPTS += -DAOKIT_WERROR=ON
endif

.PHONY: all setup build test test-asan demo bench install clean

all: build

setup:
	@./scripts/setup

build: setup
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_OPTS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Unit and integration tests under AddressSanitizer + UndefinedBehaviorSanitizer.
test-asan: setup
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DAOKIT_SANITIZE=ON $(CMAKE_OPTS) >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j $(JOBS) -LE slow

demo: build
	@./scripts/demo $(BUILD)

bench: build
	@./scripts/bench $(BUILD)

# Installs the aokit binary and the aokit Lua module (lib/lua/5.3/aokit.so) under PREFIX.
PREFIX ?= /usr/local
install: build
	@cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
