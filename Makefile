# A thin wrapper around CMake, so the two commands in the README are all anyone needs:
#   make run    installs missing Debian packages, builds, opens Pi Console on its sandbox
#   make test   the same set-up, then every test in a private keyring and home
# Other targets: build, package, bench, test-asan, fuzz, format, check-format, clean, distclean.

PRESET ?= $(if $(CI),ci,dev)
BUILD_DIR ?= build
CMAKE ?= cmake
CTEST ?= ctest
ARGS ?=

.PHONY: all deps configure build run test test-asan fuzz package bench format check-format clean \
	distclean

all: build

deps:
	@bash installer/deps-debian.sh

configure: deps
	$(CMAKE) --preset $(PRESET) --log-level=WARNING

build: configure
	$(CMAKE) --build --preset $(PRESET)

run: build
	$(BUILD_DIR)/src/app/pi-console $(ARGS)

test: build
	tests/private-session.sh $(CTEST) --preset $(PRESET) $(ARGS)

# The whole suite again, built with AddressSanitizer and UBSan, in build-asan.
test-asan: deps
	$(CMAKE) --preset asan --log-level=WARNING
	$(CMAKE) --build --preset asan
	tests/private-session.sh $(CTEST) --preset asan $(ARGS)

# The libFuzzer targets (clang), built in build-fuzz and run FUZZ_SECONDS each from a scratch
# copy of their seed corpus in tests/fuzz/corpus.
FUZZ_SECONDS ?= 30
fuzz: deps
	$(CMAKE) --preset fuzz --log-level=WARNING
	$(CMAKE) --build --preset fuzz
	FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run-fuzzers.sh build-fuzz

package: build
	cd $(BUILD_DIR) && cpack -G "DEB;TGZ"

bench: build
	$(CMAKE) --build --preset $(PRESET) --target bench

format:
	git ls-files --cached --others --exclude-standard '*.cpp' '*.h' | xargs -r clang-format -i

check-format:
	git ls-files --cached --others --exclude-standard '*.cpp' '*.h' | xargs -r clang-format --dry-run -Werror

clean:
	$(CMAKE) --build --preset $(PRESET) --target clean

distclean:
	rm -rf $(BUILD_DIR) build-asan build-fuzz
